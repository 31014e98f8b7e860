//go:build race

package output

// raceEnabled is true under the race detector, which allocates on its own
// account: allocation budgets are not checked there.
const raceEnabled = true
