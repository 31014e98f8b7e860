package model

import (
	"fmt"
	"strings"
)

// Pos is a position in a source file. Line and Column are 1-based; Column
// counts Unicode code points. Byte is the 0-based byte offset, or -1 when the
// parser does not know it.
type Pos struct {
	Line, Column, Byte int
}

// Range is a span of a source file. End is exclusive; End equals Start for a
// point.
type Range struct {
	Filename   string
	Start, End Pos
}

// IsZero reports whether r carries no location at all.
func (r Range) IsZero() bool { return r.Filename == "" && r.Start.Line == 0 }

// String formats r as file:line:col, the form editors and terminals link.
func (r Range) String() string {
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// State says how a value came to be.
type State uint8

// The states of a value.
const (
	// Defaulted values were absent; the value is the provider's or API's
	// default, and the range is that of the enclosing block. It is the zero
	// State, so a field a parser does not set reads as absent.
	Defaulted State = iota
	// Written values appear literally in the input, or were computed from
	// values that did.
	Written
	// Unresolved values exist but cannot be known statically (a variable with
	// no value, a data source, a remote module). The range is that of the
	// expression, and the reason names what was missing.
	Unresolved
)

func (s State) String() string {
	switch s {
	case Written:
		return "written"
	case Defaulted:
		return "defaulted"
	case Unresolved:
		return "unresolved"
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// Value is one leaf of the model with its provenance. The zero Value is a
// defaulted zero with no range.
type Value[T any] struct {
	v      T
	rng    Range
	state  State
	reason string
}

// WrittenValue returns a value that the input states at rng.
func WrittenValue[T any](v T, rng Range) Value[T] {
	return Value[T]{v: v, rng: rng, state: Written}
}

// DefaultedValue returns a value that the input leaves out; rng is the range
// of the enclosing block.
func DefaultedValue[T any](v T, rng Range) Value[T] {
	return Value[T]{v: v, rng: rng, state: Defaulted}
}

// UnresolvedValue returns a value that cannot be known statically. reason names
// what is missing, for example "var.vpc_cidr has no value".
func UnresolvedValue[T any](rng Range, reason string) Value[T] {
	return Value[T]{rng: rng, state: Unresolved, reason: reason}
}

// Get returns the value and whether it is known.
func (x Value[T]) Get() (T, bool) { return x.v, x.state != Unresolved }

// Value returns the value; it is the zero value when unresolved.
func (x Value[T]) Value() T { return x.v }

// Range returns where the value was written (or, when defaulted, the range of
// the enclosing block).
func (x Value[T]) Range() Range { return x.rng }

// State returns how the value came to be.
func (x Value[T]) State() State { return x.state }

// Known reports whether the value is resolved.
func (x Value[T]) Known() bool { return x.state != Unresolved }

// IsWritten reports whether the input states the value.
func (x Value[T]) IsWritten() bool { return x.state == Written }

// Reason says why an unresolved value is unresolved; it is empty otherwise.
func (x Value[T]) Reason() string { return x.reason }

// String is a Value of type string.
type String = Value[string]

// OmitEmpty returns v as absent (defaulted to def, where v is written) when
// the input writes the empty string, or only spaces: what Terraform does
// with an optional attribute set to "", and what the API's exports write
// for a field that does not apply. Parsers apply it where their format has
// that convention, so that the checks see an absent value one way.
func OmitEmpty(v String, def string) String {
	if s, ok := v.Get(); ok && v.state == Written && strings.TrimSpace(s) == "" {
		return DefaultedValue(def, v.rng)
	}
	return v
}

// Int is a Value of type int.
type Int = Value[int]

// Bool is a Value of type bool.
type Bool = Value[bool]

// StringList is a list whose elements carry their own ranges. The list as a
// whole may be unresolved (for example `var.security_group_ids` with no value),
// in which case it has no elements.
type StringList = Value[[]String]

// Error is a located problem that prevented part of the input from being
// read: a syntax error, a value of the wrong type. It is not a finding.
type Error struct {
	Range   Range
	Summary string // short, lowercase: "invalid HCL syntax"
	Detail  string // one sentence on what was expected
}

func (e *Error) Error() string {
	msg := e.Summary
	if e.Detail != "" {
		msg += ": " + e.Detail
	}
	if e.Range.Filename == "" {
		return msg
	}
	if e.Range.Start.Line == 0 {
		return e.Range.Filename + ": " + msg
	}
	return e.Range.String() + ": " + msg
}
