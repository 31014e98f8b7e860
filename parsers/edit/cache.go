package edit

import (
	"bytes"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// Cache keeps what the Writes that share it learn of the files as read:
// each Terraform file's syntax and whether it is formatted. Proving the
// fixes of one lint writes many changes of the same files, and parsing
// them again for each was a third of the proofs' time. Entries are found
// by name and used only when the content is byte for byte the same; the
// syntax is never changed once parsed (edits are made to the text). Its
// zero value is ready for use, and it is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	files map[string]*cachedFile
}

type cachedFile struct {
	src []byte
	// parse is the file's syntax, or why it has none, once parsed.
	parse func() (*hclsyntax.Body, hcl.Diagnostics)
	// formatted reports whether hclwrite.Format leaves the file as it is.
	formatted func() bool
}

// file returns the entry of name for content src, made when there is
// none for that content.
func (c *Cache) file(name string, src []byte) *cachedFile {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.files[name]; e != nil && bytes.Equal(e.src, src) {
		return e
	}
	e := &cachedFile{src: src}
	e.parse = sync.OnceValues(func() (*hclsyntax.Body, hcl.Diagnostics) { return parseBody(name, src) })
	e.formatted = sync.OnceValue(func() bool { return bytes.Equal(hclwrite.Format(src), src) })
	if c.files == nil {
		c.files = map[string]*cachedFile{}
	}
	c.files[name] = e
	return e
}

// parseBody parses a Terraform file in native syntax.
func parseBody(name string, src []byte) (*hclsyntax.Body, hcl.Diagnostics) {
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	body, _ := f.Body.(*hclsyntax.Body)
	return body, diags
}
