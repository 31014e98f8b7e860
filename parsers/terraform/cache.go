package terraform

import "sync"

// cache computes the value of each key once, however many goroutines ask
// for it at once: a module is parsed, a manifest or a variable file read,
// once per run. Its zero value is ready for use.
type cache[V any] struct {
	mu    sync.Mutex
	slots map[string]*cacheSlot[V]
}

type cacheSlot[V any] struct {
	once sync.Once
	v    V
}

// get returns the value of key, calling compute on first use; callers that
// ask while compute runs wait for its result.
func (c *cache[V]) get(key string, compute func() V) V {
	c.mu.Lock()
	if c.slots == nil {
		c.slots = map[string]*cacheSlot[V]{}
	}
	s := c.slots[key]
	if s == nil {
		s = &cacheSlot[V]{}
		c.slots[key] = s
	}
	c.mu.Unlock()
	s.once.Do(func() { s.v = compute() })
	return s.v
}

// drop forgets the value of key, so that it can be freed, and returns it
// (the zero value when it was not computed); a later get computes it again.
func (c *cache[V]) drop(key string) V {
	c.mu.Lock()
	s := c.slots[key]
	delete(c.slots, key)
	c.mu.Unlock()
	if s == nil {
		var zero V
		return zero
	}
	s.once.Do(func() {})
	return s.v
}
