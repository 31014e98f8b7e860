// Package report writes the reports that people read outside a terminal:
// a Markdown summary for a pull request or the GitHub job summary, and one
// self-contained HTML file (no network access, no external script, font or
// style) with the requirement matrix of every cluster, the findings by
// level with their source, the effective policy of every security group,
// and filters by check, file and cluster.
//
// Both show the same data as the other formats: the findings of the run,
// and the requirement matrix and policies the requirements analyzer
// decided (analyzers/inspect).
package report
