package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// shells are the shells "timeline completion" writes scripts for.
var shells = []string{"bash", "zsh", "fish"}

func completionCommand() *command {
	return &command{
		name:    "completion",
		args:    "bash|zsh|fish",
		summary: "print a shell completion script",
		doc: `Completion prints a script that completes timeline's commands, their
flags and the words some of them take (help's commands, new's site and
article, completion's shells) in bash, zsh or fish. File names are
completed for flag values and arguments. The script is made from the
commands themselves, so it names every command and flag of this
version of timeline: run it again after an upgrade.

Examples:

	# bash: for this shell, then for every new one
	source <(timeline completion bash)
	timeline completion bash > ~/.local/share/bash-completion/completions/timeline

	# zsh: a file named _timeline in a folder of $fpath
	timeline completion zsh > "${fpath[1]}/_timeline"

	# fish
	timeline completion fish > ~/.config/fish/completions/timeline.fish`,
		flags: func(fs *flag.FlagSet) func(context.Context, env, []string) error {
			return func(ctx context.Context, e env, args []string) error {
				if len(args) != 1 {
					return usagef("completion takes one shell: bash, zsh or fish")
				}
				cmds := completionCommands()
				switch args[0] {
				case "bash":
					writeBash(e.stdout, cmds)
				case "zsh":
					writeZsh(e.stdout, cmds)
				case "fish":
					writeFish(e.stdout, cmds)
				default:
					return usagef("unknown shell %q: want bash, zsh or fish", args[0])
				}
				return nil
			}
		},
	}
}

// compCommand is a command as completion sees it.
type compCommand struct {
	name, summary string
	flags         []compFlag
	words         []string // words its first argument may be
	wordsWhat     string   // what the words are, for zsh
}

type compFlag struct {
	name, usage string
	value       string // the value's name; "" for a boolean flag
}

// completionCommands returns every command, help included, with its flags
// and the words its first argument may be: for help the commands; for
// others, the plain lower-case words of its synopsis (outside brackets),
// like new's "site" and "article" and completion's shells.
func completionCommands() []compCommand {
	var out, names []compCommand
	for _, c := range commands() {
		cc := compCommand{name: c.name, summary: c.summary, words: synopsisWords(c.args), wordsWhat: "argument"}
		if c.name == "completion" {
			cc.wordsWhat = "shell"
		}
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.flags(fs)
		fs.VisitAll(func(f *flag.Flag) {
			value, usage := flag.UnquoteUsage(f)
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				value = ""
			} else if value == "" {
				value = "value"
			}
			cc.flags = append(cc.flags, compFlag{name: f.Name, usage: firstLine(usage), value: value})
		})
		out = append(out, cc)
		names = append(names, cc)
	}
	help := compCommand{name: "help", summary: "show help for a command", wordsWhat: "command"}
	for _, c := range names {
		help.words = append(help.words, c.name)
	}
	return append(out, help)
}

var (
	bracketed = regexp.MustCompile(`\[[^\[\]]*\]`)
	plainWord = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

// synopsisWords returns the plain lower-case words of a synopsis outside
// brackets: "site [--title T] DIR | article TITLE" gives site and article,
// "bash|zsh|fish" the three shells.
func synopsisWords(args string) []string {
	for s := ""; s != args; {
		s, args = args, bracketed.ReplaceAllString(args, " ")
	}
	var words []string
	for _, w := range strings.FieldsFunc(args, func(r rune) bool { return r == ' ' || r == '|' }) {
		if plainWord.MatchString(w) {
			words = append(words, w)
		}
	}
	return words
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func commandNames(cmds []compCommand) string {
	var names []string
	for _, c := range cmds {
		names = append(names, c.name)
	}
	return strings.Join(names, " ")
}

// writeBash writes a bash completion function: commands first, then a
// command's flags after "-", the words of its first argument, and file
// names otherwise (complete -o default).
func writeBash(w io.Writer, cmds []compCommand) {
	fmt.Fprintf(w, `# bash completion for timeline: made by "timeline completion bash".
# Load it with: source <(timeline completion bash)

_timeline() {
    local cur prev
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    COMPREPLY=()
    if (( COMP_CWORD == 1 )); then
        COMPREPLY=($(compgen -W %q -- "$cur"))
        return
    fi
    local flags="" valued="" words=""
    case ${COMP_WORDS[1]} in
`, commandNames(cmds))
	for _, c := range cmds {
		var flags, valued []string
		for _, f := range c.flags {
			flags = append(flags, "--"+f.name)
			if f.value != "" {
				valued = append(valued, f.name)
			}
		}
		fmt.Fprintf(w, "    %s)\n        flags=%q\n        valued=%q\n        words=%q\n        ;;\n",
			c.name, strings.Join(flags, " "), " "+strings.Join(valued, " ")+" ", strings.Join(c.words, " "))
	}
	fmt.Fprint(w, `    *)
        return
        ;;
    esac
    # The value of a flag: file names (complete -o default).
    local p=${prev#-}
    p=${p#-}
    if [[ $prev == -* && $prev != *=* && $valued == *" $p "* ]]; then
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$flags" -- "$cur"))
        return
    fi
    if [[ -n $words ]]; then
        # Only the first argument is one of the words.
        local i n=0
        for (( i = 2; i < COMP_CWORD; i++ )); do
            p=${COMP_WORDS[i]#-}
            p=${p#-}
            if [[ ${COMP_WORDS[i]} == -* ]]; then
                [[ ${COMP_WORDS[i]} != *=* && $valued == *" $p "* ]] && (( i++ ))
                continue
            fi
            (( n++ ))
        done
        if (( n == 0 )); then
            COMPREPLY=($(compgen -W "$words" -- "$cur"))
        fi
    fi
}
complete -o default -F _timeline timeline
`)
}

// zshQuote escapes s for a single-quoted _arguments spec: its brackets and
// colons, and its single quotes.
func zshQuote(s string) string {
	s = strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`, `:`, `\:`).Replace(s)
	return strings.ReplaceAll(s, `'`, `'\''`)
}

// writeZsh writes a zsh completion function (#compdef, for a file named
// _timeline in $fpath, or sourced): commands with their summaries, then
// each command's flags with their help, the words of its first argument
// and file names.
func writeZsh(w io.Writer, cmds []compCommand) {
	fmt.Fprint(w, `#compdef timeline
# zsh completion for timeline: made by "timeline completion zsh".
# Save it as _timeline in a folder of $fpath, or load it with:
# source <(timeline completion zsh)

_timeline() {
    local -a commands
    commands=(
`)
	for _, c := range cmds {
		fmt.Fprintf(w, "        '%s:%s'\n", c.name, strings.ReplaceAll(strings.ReplaceAll(c.summary, ":", `\:`), "'", `'\''`))
	}
	fmt.Fprint(w, `    )
    if (( CURRENT == 2 )); then
        _describe -t commands 'timeline command' commands
        return
    fi
    local cmd=${words[2]}
    shift words
    (( CURRENT-- ))
    case $cmd in
`)
	for _, c := range cmds {
		fmt.Fprintf(w, "    %s)\n        _arguments \\\n", c.name)
		for _, f := range c.flags {
			if f.value == "" {
				fmt.Fprintf(w, "            '--%s[%s]' \\\n", f.name, zshQuote(f.usage))
			} else {
				fmt.Fprintf(w, "            '--%s=[%s]:%s:_files' \\\n", f.name, zshQuote(f.usage), zshQuote(f.value))
			}
		}
		if len(c.words) > 0 {
			fmt.Fprintf(w, "            '1:%s:(%s)' \\\n", c.wordsWhat, strings.Join(c.words, " "))
		}
		fmt.Fprint(w, "            '*:file:_files'\n        ;;\n")
	}
	fmt.Fprint(w, `    esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _timeline "$@"
else
    compdef _timeline timeline
fi
`)
}

// fishQuote quotes s for fish.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// writeFish writes fish completions: commands with their summaries, each
// command's flags (those with a value take file names), and the words of
// a command's first argument.
func writeFish(w io.Writer, cmds []compCommand) {
	fmt.Fprintf(w, "# fish completion for timeline: made by \"timeline completion fish\".\n"+
		"# Save it as ~/.config/fish/completions/timeline.fish\n\n"+
		"set -l timeline_commands %s\n", commandNames(cmds))
	for _, c := range cmds {
		fmt.Fprintf(w, "complete -c timeline -n \"not __fish_seen_subcommand_from $timeline_commands\" -f -a %s -d %s\n", c.name, fishQuote(c.summary))
	}
	for _, c := range cmds {
		cond := "__fish_seen_subcommand_from " + c.name
		for _, f := range c.flags {
			req := ""
			if f.value != "" {
				req = " -r -F"
			}
			fmt.Fprintf(w, "complete -c timeline -n %s -l %s%s -d %s\n", fishQuote(cond), f.name, req, fishQuote(f.usage))
		}
		if len(c.words) > 0 {
			fmt.Fprintf(w, "complete -c timeline -n %s -f -a %s\n", fishQuote(cond), fishQuote(strings.Join(c.words, " ")))
		}
	}
}
