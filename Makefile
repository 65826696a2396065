# Anthology — the two commands of the README, and a few more.
#
#   make sample   build the bundled sample anthology into out/sample (EPUB and PDF), then open
#                 the desktop app on it where there is a display
#   make test     install the validators, then gofmt-check, vet and run every test (with the race detector)

SHELL := /bin/bash
GO ?= go
OUT ?= out/sample
export ANTHOLOGY_QA ?= $(HOME)/.cache/anthology-qa

.PHONY: sample test build headless vet bench screenshot clean

sample:
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then .ci/setup.sh build; fi
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(MAKE) --no-print-directory build; else $(MAKE) --no-print-directory headless; fi
	bin/anthology export --sample --out $(OUT)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then echo "opening the desktop app on the sample"; bin/anthology open; \
	 else echo "no display: the app was not opened (build it with 'make build' and run bin/anthology where there is one)"; fi

# The desktop app and the CLI in one binary (cgo, GL and X11/Wayland headers).
build:
	.ci/setup.sh build
	$(GO) build -o bin/anthology ./cmd/anthology

# The CLI alone: no cgo, no GUI.
headless:
	CGO_ENABLED=0 $(GO) build -tags nogui -o bin/anthology ./cmd/anthology

test:
	.ci/setup.sh all
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "not gofmt-clean:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 30m ./...

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
	rm -rf bin out
