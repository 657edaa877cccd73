package timeline

import (
	"context"
	"strings"
	"testing"

	"github.com/timeline-dev/timeline/generator/entities"
)

// TestEntityNames: across a story's events, one person has one key and one
// name: the spellings of a name (Mekdad and Miqdad in the seed articles)
// are one key, and spellings that differ only in case ("Bashar Al-Assad",
// "Bashar al-Assad") one name.
func TestEntityNames(t *testing.T) {
	for _, story := range []string{"../../content/*.md", "testdata/valmora/content/*.md", "testdata/names/*.md"} {
		arts := storyArticles(t, story)
		m, err := Build(context.Background(), arts, Options{})
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{} // kind:key → name
		var people []Entity
		for _, e := range m.Events {
			for _, en := range e.Entities {
				k := en.Kind + ":" + en.Key
				if n, ok := names[k]; !ok {
					names[k] = en.Name
					if en.Kind == "person" {
						people = append(people, en)
					}
				} else if n != en.Name && strings.EqualFold(n, en.Name) {
					t.Errorf("%s: %s is named %q and %q", story, k, n, en.Name)
				}
			}
		}
		for i, a := range people {
			for _, b := range people[i+1:] {
				if entities.Same(entities.Entity{Kind: entities.Person, Key: a.Key}, entities.Entity{Kind: entities.Person, Key: b.Key}) {
					t.Errorf("%s: %q (%s) and %q (%s) are one person with two keys", story, a.Name, a.Key, b.Name, b.Key)
				}
			}
		}
	}
}
