// Package english holds the few words of English grammar that the messages
// of tkesglint agree with a count, shared by the driver, the outputs and
// the commands so that each is written once.
package english

import "strconv"

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

// Agree returns one when n is 1 and many for any other count: the word or
// phrase of a sentence whose subject is n things ("accepts"/"accept",
// "its finding is"/"their findings are").
func Agree(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count is n followed by the noun that agrees with it: Count(1, "fix",
// "fixes") is "1 fix", Count(3, "fix", "fixes") "3 fixes".
func Count(n int, one, many string) string {
	return strconv.Itoa(n) + " " + Agree(n, one, many)
}
