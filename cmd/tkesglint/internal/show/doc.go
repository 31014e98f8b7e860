// Package show presents what the analysis knows beside the findings: the
// effective policy of security groups and node groups, the requirement
// matrix of clusters (tkesglint show), and the trace of a flow (tkesglint
// trace), as text for a terminal and as JSON. The views it builds are also
// what the Markdown and HTML reports show.
package show
