// Package english holds the few words of English grammar that the messages
// of tkesglint agree with a count, shared by the driver, the outputs and
// the commands so that each is written once.
package english

// IsAre is the verb that agrees with a count of n: "is" for one, "are"
// for any other count.
func IsAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// WasWere is the past tense of IsAre: "was" for one, "were" for any other
// count.
func WasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// ItThem is the pronoun that stands for a count of n things: "it" for
// one, "them" for any other count.
func ItThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
