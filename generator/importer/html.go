package importer

import "errors"

// HTML imports an article from a saved web page.
func HTML(src []byte, opts Options) (*Article, error) { return nil, errors.New("todo") }
