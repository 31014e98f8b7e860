package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"slices"
	"strings"
)

// command is one subcommand of tkesglint; the lint run is the command with
// no name. Adding a command is adding an entry to commands.
type command struct {
	name string
	// args is what follows the name in the usage ("BASE [PATH...]").
	args string
	// summary describes the command in the usage; "\n" starts a
	// continuation line.
	summary string
	// flags are the flags the command takes; they may come before or after
	// its name.
	flags []flagGroup
	// ownFlags is set for a command that reads its own flags and prints
	// its own help on -h: it gets every argument but its name, and opts is
	// nil.
	ownFlags bool
	// run runs the command with its flags read into opts and its other
	// arguments in args.
	run func(c *cli, ctx context.Context, opts *options, args []string) int
}

// commands are tkesglint's commands, in the order the usage lists them.
func commands() []*command {
	lint := []flagGroup{lintFlags(), clusterFlagGroup()}
	return []*command{
		{name: "", args: "[PATH...]", summary: "lint files and folders (default: .)", flags: append(slices.Clip(lint), fixFlagGroup()), run: (*cli).lintCommand},
		{name: "rules", summary: "list the checks: id, level, title", run: (*cli).rules},
		{name: "explain", args: "TKESGnnn", summary: "print the full help of one check", run: (*cli).explain},
		{name: "diff", args: "BASE [PATH...]", summary: "what the working tree newly accepts and\ndrops since git revision BASE, per security\ngroup, and the findings it adds or resolves", flags: lint, run: (*cli).diff},
		{name: "trace", args: "--from SRC --to DST [PATH...]", summary: "what happens to a flow: the rules it crosses\nand the verdict (exit 0 accepted, 1 dropped,\n3 undecided)", flags: append(slices.Clone(lint), traceFlagGroup()), run: (*cli).trace},
		{name: "show", args: "[PATH...]", summary: "the effective policy of every security group\nand node group, and each cluster's requirement\nmatrix", flags: lint, run: (*cli).show},
		{name: "lsp", summary: "language server on stdin/stdout (docs/editors.md);\nthe lint flags apply to every document", flags: append(lint, lspFlagGroup()), run: (*cli).lsp},
		{name: "fetch", args: "--output FILE", summary: "read a live account into an export bundle\n(tkesglint fetch -h; docs/live-audit.md)", ownFlags: true,
			run: func(c *cli, ctx context.Context, _ *options, args []string) int { return c.fetch(ctx, args) }},
		{name: "version", summary: "print the version", run: (*cli).printVersion},
		{name: "help", summary: "print this help", run: (*cli).help},
	}
}

// findCommand returns the command of a command line and the index of its
// name in args (-1 for the lint run): the first argument that is not a
// flag or a flag's value, when it names a command. Flags may come before
// the name (tkesglint --no-color diff HEAD); an argument after "--" is
// never a command, so `tkesglint -- diff` lints the folder diff.
func findCommand(cmds []*command, args []string) (cmd *command, at int) {
	takesValue := map[string]bool{}
	for _, c := range cmds {
		for _, g := range c.flags {
			for _, d := range g.flags {
				takesValue[d.name] = d.arg != ""
			}
		}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if len(a) > 1 && a[0] == '-' {
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && takesValue[name] {
				i++ // the flag's value
			}
			continue
		}
		for _, c := range cmds[1:] {
			if c.name == a {
				return c, i
			}
		}
		break
	}
	return cmds[0], -1
}

// dispatch reads a command line and runs its command.
func (c *cli) dispatch(ctx context.Context, args []string) int {
	cmds := commands()
	cmd, at := findCommand(cmds, args)
	if at >= 0 {
		args = append(args[:at:at], args[at+1:]...)
	}
	if cmd.ownFlags {
		return cmd.run(c, ctx, nil, args)
	}
	opts := newOptions()
	rest, err := parseArgs(opts, cmd.flags, args)
	if errors.Is(err, flag.ErrHelp) {
		if cmd.name != "" {
			// tkesglint trace -h: the command and its flags only.
			_, _ = io.WriteString(c.stdout, usageText([]*command{cmd}))
			return exitOK
		}
		return c.help(ctx, opts, nil)
	}
	if err != nil {
		if cmd.name != "" {
			return c.usageError("%s: %v", cmd.name, err)
		}
		return c.usageError("%v", err)
	}
	return cmd.run(c, ctx, opts, rest)
}

// help prints the usage.
func (c *cli) help(_ context.Context, _ *options, args []string) int {
	if len(args) > 0 {
		return c.usageError("help takes no arguments")
	}
	_, _ = io.WriteString(c.stdout, usageText(commands()))
	return exitOK
}

// usageColumn is where the descriptions of the usage text start.
const usageColumn = 32

// usageText is the help of tkesglint, generated from the commands and
// their flags.
func usageText(cmds []*command) string {
	var b strings.Builder
	b.WriteString("Usage:\n")
	for _, cmd := range cmds {
		left := "  tkesglint"
		if cmd.name != "" {
			left += " " + cmd.name
		} else {
			left += " [flags]"
		}
		if cmd.args != "" {
			left += " " + cmd.args
		}
		writeColumns(&b, left, cmd.summary, usageColumn)
	}
	var seen []string
	for _, cmd := range cmds {
		for _, g := range cmd.flags {
			if slices.Contains(seen, g.title) {
				continue
			}
			seen = append(seen, g.title)
			b.WriteString("\n" + g.title + ":\n")
			for _, d := range g.flags {
				left := "  --" + d.name
				if d.arg != "" {
					left += " " + d.arg
				}
				writeColumns(&b, left, d.help, 26)
			}
		}
	}
	if cmds[0].name == "" {
		b.WriteString(`
Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,
2 the run failed or some input could not be read.
`)
	}
	return b.String()
}

// writeColumns writes left, then text from column col (on the next line
// when left is too long), continuation lines indented to col.
func writeColumns(b *strings.Builder, left, text string, col int) {
	lines := strings.Split(text, "\n")
	b.WriteString(left)
	if len(left)+1 > col {
		b.WriteString("\n" + strings.Repeat(" ", col))
	} else {
		b.WriteString(strings.Repeat(" ", col-len(left)))
	}
	b.WriteString(lines[0] + "\n")
	for _, l := range lines[1:] {
		b.WriteString(strings.Repeat(" ", col) + l + "\n")
	}
}

// lintCommand is the lint run: flags and paths.
func (c *cli) lintCommand(ctx context.Context, opts *options, args []string) int {
	opts.paths = args
	if err := opts.finish(); err != nil {
		return c.usageError("%v", err)
	}
	return c.lint(ctx, opts)
}
