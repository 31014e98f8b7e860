package flows

import "fmt"

// errorf builds the errors of value parsers. Messages are phrased to be put
// after "invalid rule: " in a diagnostic.
func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }
