package cover

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"sync"
)

// encodePNG writes an opaque RGBA image as an 8-bit RGB PNG, every row with the "Up" filter.
// A cover is a smooth field with some letters on it, which that filter suits; choosing a filter
// per row, as image/png does, costs more time than it saves bytes here. The output depends
// neither on timing nor on the machine: there are always four bands, each deterministic.
func encodePNG(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	rowLen := 1 + 3*width
	// Each band filters its rows (Up: each byte minus the one above it, read straight from the
	// image) and deflates them on a core of its own, ending on a byte boundary so that the bands
	// join into one stream (as pigz does).
	pix := func(y int) []byte {
		return img.Pix[(y+b.Min.Y-img.Rect.Min.Y)*img.Stride+(b.Min.X-img.Rect.Min.X)*4:]
	}
	raw := make([]byte, rowLen*height)
	const n = 4 // a fixed number of bands: the bytes must not depend on the machine's cores
	bands := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	per := (height + n - 1) / n
	for i := 0; i < n; i++ {
		lo, hi := min(i*per, height), min((i+1)*per, height)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for y := lo; y < hi; y++ {
				row, cur := raw[y*rowLen:(y+1)*rowLen], pix(y)
				row[0] = 2
				if y == 0 {
					for x := 0; x < width; x++ {
						row[1+3*x], row[2+3*x], row[3+3*x] = cur[4*x], cur[4*x+1], cur[4*x+2]
					}
					continue
				}
				up := pix(y - 1)
				for x := 0; x < width; x++ {
					row[1+3*x] = cur[4*x] - up[4*x]
					row[2+3*x] = cur[4*x+1] - up[4*x+1]
					row[3+3*x] = cur[4*x+2] - up[4*x+2]
				}
			}
			var buf bytes.Buffer
			fw, err := flate.NewWriter(&buf, flate.BestSpeed)
			if err == nil {
				_, err = fw.Write(raw[lo*rowLen : hi*rowLen])
			}
			if err == nil {
				if i == n-1 {
					err = fw.Close()
				} else {
					err = fw.Flush()
				}
			}
			bands[i], errs[i] = buf.Bytes(), err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	var idat bytes.Buffer
	idat.Write([]byte{0x78, 0x01}) // zlib header: deflate, 32K window, fastest
	for _, band := range bands {
		idat.Write(band)
	}
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], adler32.Checksum(raw)) // of the filtered rows, as zlib wants
	idat.Write(sum[:])

	var hdr [13]byte
	binary.BigEndian.PutUint32(hdr[0:], uint32(width))
	binary.BigEndian.PutUint32(hdr[4:], uint32(height))
	hdr[8], hdr[9] = 8, 2 // 8 bits, truecolour
	if _, err := w.Write([]byte("\x89PNG\r\n\x1a\n")); err != nil {
		return err
	}
	for _, c := range []struct {
		typ  string
		data []byte
	}{{"IHDR", hdr[:]}, {"IDAT", idat.Bytes()}, {"IEND", nil}} {
		if err := writeChunk(w, c.typ, c.data); err != nil {
			return err
		}
	}
	return nil
}

func writeChunk(w io.Writer, typ string, data []byte) error {
	var head [8]byte
	binary.BigEndian.PutUint32(head[:4], uint32(len(data)))
	copy(head[4:], typ)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc.Sum32())
	for _, p := range [][]byte{head[:], data, tail[:]} {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}
