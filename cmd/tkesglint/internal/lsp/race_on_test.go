//go:build race

package lsp

// raceEnabled reports whether the tests run with the race detector, which
// multiplies time and allocations: budgets are not checked then.
const raceEnabled = true
