package temporal

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestContextWordsInLexicon checks that every word the rules compare a
// token's lexicon word with (oneOf(c.prev(1), "in", ...), s.isWord(i,
// "to"), ...) is in the lexicon: a word missing from it never matches, and
// the rule silently fails.
func TestContextWordsInLexicon(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := gotoken.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var words []ast.Expr
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				if fn.Name != "oneOf" || len(call.Args) < 2 || !comparesLexWord(call.Args[0]) {
					return true
				}
				words = call.Args[1:]
			case *ast.SelectorExpr:
				if fn.Sel.Name != "isWord" || len(call.Args) != 2 {
					return true
				}
				words = call.Args[1:]
			default:
				return true
			}
			for _, a := range words {
				lit, ok := a.(*ast.BasicLit)
				if !ok || lit.Kind != gotoken.STRING {
					continue
				}
				w, _ := strconv.Unquote(lit.Value)
				if len(w) == 1 && !isLetter(w[0]) {
					if grammar.lex.punct[w[0]] == nil {
						t.Errorf("%s: punctuation %q is not in the lexicon", fset.Position(lit.Pos()), w)
					}
					continue
				}
				if grammar.lex.words[w] == nil {
					t.Errorf("%s: word %q is not in the lexicon", fset.Position(lit.Pos()), w)
				}
			}
			return true
		})
	}
}

// comparesLexWord reports whether an expression is a token's lexicon word:
// c.prev(k), c.next(k), c.first(), c.word(...), x.lex.word, p (a word
// variable taken from those) and the like. Calls on raw text
// (strings.ToLower) are not.
func comparesLexWord(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.CallExpr:
		if sel, ok := x.Fun.(*ast.SelectorExpr); ok {
			switch sel.Sel.Name {
			case "prev", "next", "first", "word":
				return true
			}
		}
		return false
	case *ast.SelectorExpr:
		return x.Sel.Name == "word"
	case *ast.Ident:
		return x.Name == "p" || x.Name == "w"
	}
	return false
}
