package build

import (
	"hash/crc32"

	"github.com/timeline-dev/timeline/generator/content"
	"github.com/timeline-dev/timeline/generator/diag"
)

// fileSums are the size and CRC-32C of each article's file as the build
// read it, by article id: a build that let the sources go (see prepare)
// reads a file again for the article's page and checks that it is the
// one the timeline was built from.
type fileSums struct {
	sums map[string]fileSum
}

type fileSum struct {
	size int
	crc  uint32
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func sumFiles(articles []*content.Article) *fileSums {
	f := &fileSums{sums: make(map[string]fileSum, len(articles))}
	for _, a := range articles {
		f.sums[a.ID] = fileSum{len(a.Source), crc32.Checksum(a.Source, castagnoli)}
	}
	return f
}

// reread returns the Markdown body of article a, read again from the
// site's folder src unless a still has its source.
func (f *fileSums) reread(src string, a *content.Article) ([]byte, error) {
	if a.Source != nil {
		return a.Body(), nil
	}
	b, err := content.ReadFile(src, a.Path)
	if err != nil {
		return nil, err
	}
	if s, ok := f.sums[a.ID]; !ok || len(b) != s.size || crc32.Checksum(b, castagnoli) != s.crc {
		return nil, &diag.Error{File: a.Path, Msg: "the file changed while the site was built from it",
			Hint: "build again: the output folder is as it was"}
	}
	return b[a.BodyOffset:], nil
}
