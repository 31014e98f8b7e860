// Package inspect shows what the analysis knows, beside the findings: the
// effective policy of each security group and of each node or master group
// (the regions of the flow space that each rule decides), and the
// requirement matrix of each cluster (which TKE requirement holds, which is
// broken and by which rule, which is undecided and why).
//
// It runs the same analyzers as a lint run (compiled rules, cluster
// topology, the requirements analyzer) through the checker, and reads
// their results: the matrix is what the checks decided, row by row, never
// a second implementation of the requirements.
package inspect
