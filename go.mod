module github.com/tkesglint/tkesglint

go 1.26.8
