package show

import (
	"encoding/json"
	"io"
)

// JSONVersion is the version of the JSON documents of show and trace.
const JSONVersion = 1

// WriteJSON writes the units as tkesglint show --format json does.
func WriteJSON(w io.Writer, units []Unit) error {
	return encode(w, struct {
		Version int    `json:"version"`
		Units   []Unit `json:"units"`
	}{JSONVersion, units})
}

// WriteTraceJSON writes a trace as tkesglint trace --format json does.
func WriteTraceJSON(w io.Writer, t Trace) error {
	return encode(w, struct {
		Version int `json:"version"`
		Trace
	}{JSONVersion, t})
}

func encode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
