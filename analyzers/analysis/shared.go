package analysis

import "sync"

// Shared holds what the analyzers of one input compute alike (the compiled
// rules, say), so that the first to need a value builds it for the others.
// It is safe for concurrent use.
type Shared struct {
	mu     sync.Mutex
	values map[string]any
}

// NewShared returns an empty store, for the analyzers of one input.
func NewShared() *Shared { return &Shared{values: map[string]any{}} }

// Value returns the value stored under key, calling build to make it the
// first time. A nil Shared stores nothing: build is called every time.
func (s *Shared) Value(key string, build func() any) any {
	if s == nil {
		return build()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.values[key]; ok {
		return v
	}
	v := build()
	s.values[key] = v
	return v
}
