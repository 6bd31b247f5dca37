// Command tlogverify checks a tagledger log the way a client that trusts nothing but the log's verifier
// key does, with Go's own transparency-log packages (golang.org/x/mod/sumdb/note and .../tlog): the
// checkpoint's signature, the inclusion of records read from the entry bundles, and the consistency of
// the log with an older checkpoint. The log is read from a URL (its /log/ prefix) or a directory laid
// out the same way (c2sp.org/tlog-tiles).
//
//	tlogverify -log URL|DIR -key VERIFIER_KEY [-old CHECKPOINT_FILE] [-records N,M,...]
//
// It prints what it verified, and exits 1 with the reason on the first check that fails.
package main

import (
	"bytes"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8

type checkpoint struct {
	origin string
	tree   tlog.Tree
}

// fetch reads one path below the log's prefix.
func fetch(base, path string) ([]byte, error) {
	if strings.HasPrefix(base, "http://") || strings.HasPrefix(base, "https://") {
		resp, err := http.Get(strings.TrimSuffix(base, "/") + "/" + path)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return body, nil
	}
	return os.ReadFile(filepath.Join(base, filepath.FromSlash(path)))
}

// open verifies a signed checkpoint with the verifier key and reads its text.
func open(msg []byte, verifier note.Verifier) (checkpoint, error) {
	n, err := note.Open(msg, note.VerifierList(verifier))
	if err != nil {
		return checkpoint{}, fmt.Errorf("checkpoint signature: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	if len(lines) < 4 {
		return checkpoint{}, errors.New("checkpoint: fewer than three lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		return checkpoint{}, fmt.Errorf("checkpoint size %q", lines[1])
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return checkpoint{}, fmt.Errorf("checkpoint root %q", lines[2])
	}
	var hash tlog.Hash
	copy(hash[:], root)
	return checkpoint{origin: lines[0], tree: tlog.Tree{N: size, Hash: hash}}, nil
}

// tiles reads hash tiles at the paths of c2sp.org/tlog-tiles: Go's path without its height element.
type tiles struct{ base string }

func (t tiles) Height() int { return tileHeight }

func (t tiles) ReadTiles(list []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(list))
	for i, tile := range list {
		path := strings.Replace(tile.Path(), fmt.Sprintf("tile/%d/", tileHeight), "tile/", 1)
		body, err := fetch(t.base, path)
		if err != nil {
			return nil, err
		}
		data[i] = body
	}
	return data, nil
}

func (t tiles) SaveTiles([]tlog.Tile, [][]byte) {}

// entry reads record n from its entry bundle: entries each after a big-endian 16-bit length.
func entry(base string, n, size int64) ([]byte, error) {
	index := n / 256
	width := size - index*256
	if width > 256 {
		width = 256
	}
	tile := tlog.Tile{H: tileHeight, L: -1, N: index, W: int(width)}
	path := strings.Replace(tile.Path(), fmt.Sprintf("tile/%d/data/", tileHeight), "tile/entries/", 1)
	bundle, err := fetch(base, path)
	if err != nil {
		return nil, err
	}
	for i := int64(0); ; i++ {
		if len(bundle) < 2 {
			return nil, fmt.Errorf("entry bundle %s ends before record %d", path, n)
		}
		length := int(bundle[0])<<8 | int(bundle[1])
		if len(bundle) < 2+length {
			return nil, fmt.Errorf("entry bundle %s is cut short", path)
		}
		if index*256+i == n {
			return bundle[2 : 2+length], nil
		}
		bundle = bundle[2+length:]
	}
}

func main() {
	base := flag.String("log", "", "the log's URL (its /log/ prefix) or directory")
	key := flag.String("key", "", "the log's verifier key")
	old := flag.String("old", "", "a checkpoint seen before, which the log must extend")
	records := flag.String("records", "", "records whose inclusion to prove, comma-separated")
	flag.Parse()
	if err := run(*base, *key, *old, *records); err != nil {
		fmt.Fprintln(os.Stderr, "tlogverify:", err)
		os.Exit(1)
	}
}

func run(base, key, old, records string) error {
	verifier, err := note.NewVerifier(key)
	if err != nil {
		return fmt.Errorf("verifier key: %v", err)
	}
	msg, err := fetch(base, "checkpoint")
	if err != nil {
		return err
	}
	latest, err := open(msg, verifier)
	if err != nil {
		return err
	}
	fmt.Printf("checkpoint %s %d %s verified\n", latest.origin, latest.tree.N, latest.tree.Hash)
	reader := tlog.TileHashReader(latest.tree, tiles{base})
	if old != "" {
		oldMsg, err := os.ReadFile(old)
		if err != nil {
			return err
		}
		earlier, err := open(oldMsg, verifier)
		if err != nil {
			return fmt.Errorf("old %v", err)
		}
		if earlier.origin != latest.origin {
			return fmt.Errorf("old checkpoint is of %s, not %s", earlier.origin, latest.origin)
		}
		if earlier.tree.N > latest.tree.N {
			return fmt.Errorf("the log shrank from %d to %d", earlier.tree.N, latest.tree.N)
		}
		// Every log extends the empty one; Go's proofs start at one leaf.
		if earlier.tree.N > 0 {
			proof, err := tlog.ProveTree(latest.tree.N, earlier.tree.N, reader)
			if err != nil {
				return fmt.Errorf("consistency proof: %v", err)
			}
			if err := tlog.CheckTree(proof, latest.tree.N, latest.tree.Hash, earlier.tree.N, earlier.tree.Hash); err != nil {
				return fmt.Errorf("not consistent with the checkpoint of size %d: %v", earlier.tree.N, err)
			}
		}
		fmt.Printf("consistent with %d %s\n", earlier.tree.N, earlier.tree.Hash)
	}
	if records == "" {
		return nil
	}
	for _, field := range strings.Split(records, ",") {
		n, err := strconv.ParseInt(field, 10, 64)
		if err != nil || n < 0 || n >= latest.tree.N {
			return fmt.Errorf("record %q is not in a log of %d", field, latest.tree.N)
		}
		data, err := entry(base, n, latest.tree.N)
		if err != nil {
			return err
		}
		proof, err := tlog.ProveRecord(latest.tree.N, n, reader)
		if err != nil {
			return fmt.Errorf("record %d: %v", n, err)
		}
		if err := tlog.CheckRecord(proof, latest.tree.N, latest.tree.Hash, n, tlog.RecordHash(data)); err != nil {
			return fmt.Errorf("record %d is not in the log: %v", n, err)
		}
		fmt.Printf("record %d included: %s\n", n, bytes.TrimSpace(data[:min(len(data), 120)]))
	}
	return nil
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}
