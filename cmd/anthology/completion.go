package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// completionWords are each command's flags, from the same flag sets the commands parse.
func completionWords() (names []string, flags map[string][]string) {
	flags = map[string][]string{}
	for _, c := range commands {
		names = append(names, c.name)
		if mk := flagSets[c.name]; mk != nil {
			mk().VisitAll(func(f *flag.Flag) { flags[c.name] = append(flags[c.name], "--"+f.Name) })
			sort.Strings(flags[c.name])
		}
	}
	return names, flags
}

// runCompletion prints the completion script of a shell: commands, then each command's flags,
// then files (projects are folders, books and essays files).
func runCompletion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "anthology completion: name a shell: bash, zsh or fish")
		return exitUsage
	}
	names, flags := completionWords()
	switch args[0] {
	case "bash", "zsh":
		var cases strings.Builder
		for _, n := range names {
			if len(flags[n]) > 0 {
				fmt.Fprintf(&cases, "    %s) opts=%q ;;\n", n, strings.Join(flags[n], " "))
			}
		}
		script := fmt.Sprintf(`# anthology completion for bash (and zsh, through bashcompinit)
_anthology() {
  local cur=${COMP_WORDS[COMP_CWORD]} opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W %q -- "$cur"))
    return
  fi
  case ${COMP_WORDS[1]} in
%s  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
`, strings.Join(names, " "), cases.String())
		if args[0] == "zsh" {
			script = "autoload -U +X bashcompinit && bashcompinit\n" + script
		}
		fmt.Fprint(stdout, script+"complete -o filenames -F _anthology anthology\n")
	case "fish":
		fmt.Fprintln(stdout, "# anthology completion for fish")
		fmt.Fprintln(stdout, "complete -c anthology -f -n '__fish_use_subcommand'")
		for _, c := range commands {
			fmt.Fprintf(stdout, "complete -c anthology -n '__fish_use_subcommand' -a %s -d %q\n", c.name, c.summary)
			for _, f := range flags[c.name] {
				fmt.Fprintf(stdout, "complete -c anthology -n '__fish_seen_subcommand_from %s' -l %s\n", c.name, strings.TrimPrefix(f, "--"))
			}
		}
	default:
		fmt.Fprintf(stderr, "anthology completion: %q: choose bash, zsh or fish\n", args[0])
		return exitUsage
	}
	return exitOK
}
