# govwatch — make demo | make test | make install
SWIFT      ?= swift
PREFIX     ?= /usr/local
DEB_PKGS := libcurl4-openssl-dev libargon2-dev libxml2-dev libsqlite3-dev libxlsxwriter-dev libzstd-dev unzip zlib1g-dev \
            poppler-utils catdoc python3-xlrd
DEMO_OUT   ?= govwatch-demo
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Release builds link the Swift runtime and Foundation into the binary: it runs without a
# Swift toolchain on the server, and a crawl's peak RSS is 5 MB lower than the same code's
# against the shared libraries (52 vs 57.6 MB on the benchmark portal; CPU within noise).
RELEASE    := -c release --static-swift-stdlib

.PHONY: deps build release demo test install bench bench-console clean

## Install the Debian packages govwatch links against, when missing.
deps:
	@missing=""; for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product govwatch

release: deps
	$(SWIFT) build $(RELEASE) --product govwatch

## Serve the embedded demo portal on 127.0.0.1, crawl it, print what was found.
demo: build
	$$($(SWIFT) build --show-bin-path)/govwatch demo --out $(DEMO_OUT)

## Every test: unit tests, crawls of real local sites into real SQLite files, and the
## daemon binary driven through sd_notify and signals (so the binary is built first).
test: deps
	$(SWIFT) build --product govwatch
	$(SWIFT) test

## Binary to $(PREFIX)/bin, the unit to /etc/systemd/system, config and probes to /etc/govwatch.
install: release
	install -D -m 0755 "$$($(SWIFT) build $(RELEASE) --show-bin-path)/govwatch" $(DESTDIR)$(PREFIX)/bin/govwatch
	install -D -m 0644 systemd/govwatch.service $(DESTDIR)/etc/systemd/system/govwatch.service
	install -d -m 0755 $(DESTDIR)/etc/govwatch/probes.d
	[ -e $(DESTDIR)/etc/govwatch/govwatch.yaml ] || install -m 0644 systemd/govwatch.yaml $(DESTDIR)/etc/govwatch/govwatch.yaml
	[ -e $(DESTDIR)/etc/govwatch/probes.d/portal.yaml ] || \
	  install -m 0644 Probes/arxan/portal.yaml $(DESTDIR)/etc/govwatch/probes.d/portal.yaml

## The crawl benchmark against Scrapy (needs ../shared/bench or BENCH_KIT=DIR).
bench: release
	bash Tests/Benchmarks/crawl.sh

## The console on 100,000 findings and 20 units: page times against a full read of the store.
bench-console: deps
	$(SWIFT) build $(RELEASE) --product govwatch-console-bench
	"$$($(SWIFT) build $(RELEASE) --show-bin-path)/govwatch-console-bench"

clean:
	rm -rf .build $(DEMO_OUT)
