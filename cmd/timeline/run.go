package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // content, build or check error
	exitUsage = 2 // bad command line
)

// env is what a command may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one subcommand. flags declares its flags on fs and returns the
// function that runs it once they are parsed.
type command struct {
	name    string
	args    string // argument synopsis, e.g. "[flags] FILE"
	summary string // one line for "timeline help"
	doc     string // paragraphs for "timeline help <name>"
	flags   func(fs *flag.FlagSet) func(ctx context.Context, e env, args []string) error
}

// commands returns the subcommands in the order "timeline help" lists them.
func commands() []*command {
	return []*command{
		buildCommand(),
		serveCommand(),
		eventsCommand(),
		checkCommand(),
		newCommand(),
		importCommand(),
		tagCommand(),
		completionCommand(),
		versionCommand(),
	}
}

// usageError is an error in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// silentError is an error whose message was already printed.
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// run is the whole program: it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		return runHelp(e, rest)
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "timeline: unknown command %q", name)
		var names []string
		for _, c := range commands() {
			names = append(names, c.name)
		}
		if c := closest(name, names); c != "" {
			fmt.Fprintf(stderr, " (did you mean %q?)", c)
		}
		fmt.Fprintf(stderr, "\nRun 'timeline help' for usage.\n")
		return exitUsage
	}
	fs := flag.NewFlagSet("timeline "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	runCmd := cmd.flags(fs)
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printCommandHelp(stdout, cmd, fs)
			return exitOK
		}
		fmt.Fprintf(stderr, "timeline %s: %s\n", cmd.name, flagError(err, fs))
		fmt.Fprintf(stderr, "usage: timeline %s %s\nRun 'timeline help %s' for details.\n", cmd.name, cmd.args, cmd.name)
		return exitUsage
	}
	err := runCmd(ctx, e, fs.Args())
	var ue usageError
	var se silentError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &se):
		return se.code
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "timeline %s: %v\n", cmd.name, err)
		fmt.Fprintf(stderr, "usage: timeline %s %s\n", cmd.name, cmd.args)
		return exitUsage
	default:
		fmt.Fprintf(stderr, "%v\n", err)
		return exitError
	}
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, "timeline builds a static timeline site from news articles.\n\nUsage:\n\n\ttimeline <command> [flags] [arguments]\n\nCommands:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\t"+fmt.Sprintf("%-10s %s", "help", "show help for a command")+"\n\nRun 'timeline help <command>' for details on a command.\n")
}

func runHelp(e env, args []string) int {
	switch len(args) {
	case 0:
		printUsage(e.stdout)
		return exitOK
	case 1:
		cmd := lookup(args[0])
		if cmd == nil {
			fmt.Fprintf(e.stderr, "timeline help: unknown command %q\nRun 'timeline help' for the list of commands.\n", args[0])
			return exitUsage
		}
		fs := flag.NewFlagSet("timeline "+cmd.name, flag.ContinueOnError)
		cmd.flags(fs)
		printCommandHelp(e.stdout, cmd, fs)
		return exitOK
	}
	fmt.Fprintln(e.stderr, "usage: timeline help [command]")
	return exitUsage
}

func printCommandHelp(w io.Writer, cmd *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: timeline %s %s\n\n%s\n", cmd.name, cmd.args, strings.TrimSpace(cmd.doc))
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprint(w, "\nFlags:\n")
		printFlags(w, fs)
	}
}

// printFlags lists the flags as flag.PrintDefaults does, but written as
// the usage lines and the documentation write them: --flag.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(w, "%s\n    \t%s", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
		if def := f.DefValue; def != "" && def != "false" && def != "0" && def != "0s" {
			if g, ok := f.Value.(flag.Getter); ok {
				if _, isString := g.Get().(string); isString {
					def = strconv.Quote(def)
				}
			}
			fmt.Fprintf(w, " (default %s)", def)
		}
		fmt.Fprintln(w)
	})
}

// closest returns the word of words nearest to w: a typo away (one
// edit for a short word, two for a longer one; a swap of two letters is
// one), or of which w is the start; "" if none is.
func closest(w string, words []string) string {
	best, bestD := "", min(2, max(1, len(w)/3))+1
	for _, c := range words {
		if d := editDistance(w, c); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" && len(w) >= 2 {
		for _, c := range words {
			if strings.HasPrefix(c, w) {
				return c
			}
		}
	}
	return best
}

// editDistance is the optimal string alignment distance of a and b:
// insertions, deletions, substitutions and swaps of neighbours.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// flagError rewrites the flag package's parse errors the way the usage
// lines write flags (--name), with the closest flag when one is near.
func flagError(err error, fs *flag.FlagSet) string {
	msg := err.Error()
	name, ok := strings.CutPrefix(msg, "flag provided but not defined: -")
	if !ok {
		return strings.ReplaceAll(msg, " -", " --")
	}
	name = strings.TrimPrefix(name, "-")
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	msg = "unknown flag --" + name
	if c := closest(name, names); c != "" {
		msg += fmt.Sprintf(" (did you mean --%s?)", c)
	}
	return msg
}
