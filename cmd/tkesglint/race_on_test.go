//go:build race

package main

// raceEnabled is true under the race detector: tests that run no
// goroutines of tkesglint's and measure time or drive a browser skip there.
const raceEnabled = true
