package dockerrun

import (
	"strings"

	"github.com/spf13/pflag"
)

// located is one flag occurrence: which flag, and which words hold the flag
// and its value.
type located struct {
	name  string // the flag's registered name
	word  int    // index of the word holding the flag
	value int    // index of the word holding the value (== word when inline or implied)
}

// locateFlags walks args with pflag's grammar (long and short flags, --x=v,
// -xv, clusters such as -itd or -dv /:/h, bool flags never taking the next
// word, -- ending the flags, the first non-flag word ending them too) and
// reports, in order, where each flag occurrence was written. pflag itself only
// hands out values, so this is how a value is tied back to its word.
//
// bad is the index of the word at which pflag will fail with a syntax error
// (unknown flag, missing value), or -1.
func locateFlags(fs *pflag.FlagSet, args []string) (occ []located, bad int) {
	for i := 0; i < len(args); i++ {
		s := args[i]
		if len(s) < 2 || s[0] != '-' || s == "--" {
			return occ, -1
		}
		if s[1] == '-' {
			next, ok := locateLong(fs, args, i, &occ)
			if !ok {
				return occ, i
			}
			i = next
			continue
		}
		next, ok := locateShort(fs, args, i, &occ)
		if !ok {
			return occ, i
		}
		i = next
	}
	return occ, -1
}

// locateLong handles args[i] = "--name[=value]" and returns the index of the
// last word it used.
func locateLong(fs *pflag.FlagSet, args []string, i int, occ *[]located) (int, bool) {
	body := args[i][2:]
	if body == "" || body[0] == '-' || body[0] == '=' {
		return i, false
	}
	name, _, inline := strings.Cut(body, "=")
	flag := fs.Lookup(name)
	switch {
	case flag == nil:
		return i, false
	case inline || flag.NoOptDefVal != "":
		*occ = append(*occ, located{name: flag.Name, word: i, value: i})
		return i, true
	case i+1 < len(args):
		*occ = append(*occ, located{name: flag.Name, word: i, value: i + 1})
		return i + 1, true
	default:
		return i, false
	}
}

// locateShort handles a cluster args[i] = "-abc" and returns the index of the
// last word it used.
func locateShort(fs *pflag.FlagSet, args []string, i int, occ *[]located) (int, bool) {
	for sh := args[i][1:]; sh != ""; {
		// pflag silently skips the rest of a cluster that looks like a go
		// test flag (-test.v); so does the docker CLI.
		if strings.HasPrefix(sh, "test.") {
			return i, true
		}
		flag := fs.ShorthandLookup(sh[:1])
		switch {
		case flag == nil:
			return i, false
		case len(sh) > 2 && sh[1] == '=': // -e=value
			sh = ""
		case flag.NoOptDefVal != "": // a bool in a cluster: -itd
			sh = sh[1:]
		case len(sh) > 1: // -evalue
			sh = ""
		case i+1 < len(args): // -e value
			*occ = append(*occ, located{name: flag.Name, word: i, value: i + 1})
			return i + 1, true
		default:
			return i, false
		}
		*occ = append(*occ, located{name: flag.Name, word: i, value: i})
	}
	return i, true
}
