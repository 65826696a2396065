# Anthology — the two commands of the README, and a few more.
#
#   make sample   build the bundled sample anthology into out/sample (EPUB and PDF), then open
#                 the desktop app on it where there is a display
#   make test     install the validators, then gofmt-check, vet and run every test (-short under the
#                 race detector, then all of them with the validators)

SHELL := /bin/bash
GO ?= go
OUT ?= out/sample
export ANTHOLOGY_QA ?= $(HOME)/.cache/anthology-qa
# The commit and its date go into the binary (anthology version, the app's About box) when the
# sources are a git checkout; elsewhere the build simply has none.
BUILDVCS := $(shell git rev-parse --git-dir >/dev/null 2>&1 && echo -buildvcs=true || echo -buildvcs=false)

.PHONY: sample test build headless vet bench fuzz dist dist-test screenshot clean

sample:
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then .ci/setup.sh build; fi
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(MAKE) --no-print-directory build; else $(MAKE) --no-print-directory headless; fi
	bin/anthology export --sample --out $(OUT)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then echo "opening the desktop app on the sample"; bin/anthology open; \
	 else echo "no display: the app was not opened (build it with 'make build' and run bin/anthology where there is one)"; fi

# The desktop app and the CLI in one binary (cgo, GL and X11/Wayland headers).
build:
	.ci/setup.sh build
	$(GO) build $(BUILDVCS) -o bin/anthology ./cmd/anthology

# The CLI alone: no cgo, no GUI.
headless:
	CGO_ENABLED=0 $(GO) build $(BUILDVCS) -tags nogui -o bin/anthology ./cmd/anthology

test:
	.ci/setup.sh all
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "not gofmt-clean:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	@# Twice: every package under the race detector with -short (the validators, the real window
	@# and nothing else left out: under the detector whole books set 5-10 times slower, and the
	@# export tests alone took over 30 minutes), then everything, validators included, without it.
	$(GO) test -race -short -count=1 -timeout 30m ./...
	$(GO) test -count=1 -timeout 30m ./...

# The packages a user downloads, into dist/ (see .ci/dist.sh): Linux .tar.xz and .deb, Windows
# .zip, the headless CLI for five platforms, SHA256SUMS.
dist:
	.ci/dist.sh

# Installs and runs what make dist built, as a user would (as root: dpkg, Xvfb, wine).
dist-test:
	.ci/test-dist.sh

# Every fuzz target, FUZZTIME each (default 60s): the readers of outside input (project YAML and
# front matter, Markdown, text, HTML, Word, EPUB/OPF, images, the recovery file, fonts, spelling
# dictionaries, Word comments, fonts to subset) and the EPUB's essay writer. New crashers land in each package's testdata/fuzz and stay as regression seeds.
FUZZTIME ?= 60s
FUZZ_TARGETS := ./anthology:FuzzLoad ./anthology:FuzzImage ./anthology/markdown:FuzzParse \
	./anthology/edit:FuzzRecovery ./anthology/importer:FuzzText ./anthology/importer:FuzzMarkdown \
	./anthology/importer:FuzzHTML ./anthology/importer:FuzzDOCX ./anthology/importer:FuzzEPUB \
	./layout/epub:FuzzEssayXHTML ./anthology:FuzzFontFile ./anthology/spell:FuzzLoad \
	./anthology/importer:FuzzComments ./anthology/text:FuzzLooseIndex ./anthology/markdown:FuzzQuoteStartsWord \
	./layout/pdf:FuzzSubset ./anthology:FuzzStripControl
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do pkg=$${t%%:*}; fn=$${t##*:}; \
	  echo "== $$fn ($$pkg, $(FUZZTIME))"; \
	  CGO_ENABLED=0 $(GO) test -tags nogui -run '^$$' -fuzz "^$$fn$$" -fuzztime $(FUZZTIME) $$pkg; done

# Stage benchmarks (go test -bench) and whole-process timings against pandoc.
bench:
	$(GO) test -run XXX -bench . -benchtime 3x -benchmem ./layout/... ./anthology/...
	.ci/bench.sh

# The real app under Xvfb, with the sample open: out/screenshot.png (the test that drives the
# real window takes it).
screenshot:
	.ci/setup.sh all
	mkdir -p out
	ANTHOLOGY_SCREENSHOT=$(CURDIR)/out/screenshot.png $(GO) test -count=1 -run TestRealWindow ./gui

clean:
	rm -rf bin out dist
