package anthology

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the formats a book's images may have
	_ "image/png"
)

// MaxImagePixels bounds the images a project may hold. A decoded image takes four bytes a
// pixel: a 370-byte PNG that declares 100,000 × 100,000 pixels once asked for 40 GB. Sixty
// megapixels is a full-bleed wraparound cover at 600 ppi, twice what printers ask for.
const MaxImagePixels = 60_000_000

// ErrImageFormat is returned for an image that is not a JPEG or a PNG.
var ErrImageFormat = errors.New("the image must be a JPEG or PNG file")

// CheckImage reads an image's header only: its format ("jpeg" or "png") and size. It refuses
// other formats and images of more than MaxImagePixels, before anything is decoded.
func CheckImage(data []byte) (image.Config, string, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png") {
		return cfg, format, ErrImageFormat
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return cfg, format, fmt.Errorf("the image is %d × %d pixels; at most %d megapixels are read (scale it down: 300 ppi at the printed size is enough)",
			cfg.Width, cfg.Height, MaxImagePixels/1_000_000)
	}
	return cfg, format, nil
}

// DecodeImage decodes a JPEG or PNG image that CheckImage accepts.
func DecodeImage(data []byte) (image.Image, string, error) {
	if _, _, err := CheckImage(data); err != nil {
		return nil, "", err
	}
	return image.Decode(bytes.NewReader(data))
}
