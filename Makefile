# GrantTracker: `make demo` runs the main job, `make test` runs the tests.
# Both install the Debian libraries they need first (sudo when not root).
SHELL := /bin/bash
APT_PACKAGES := libcsv-dev libxlsxwriter-dev libfreexl-dev libsqlite3-dev sqlite3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DB ?= Reports/demo.sqlite
BIN := .build/release/grants
SHARED := ../shared/data

.PHONY: deps build demo test eval bench clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	swift build -c release --product grants

test: deps
	swift test

eval: build
	bash scripts/eval.sh

demo: build
	bash scripts/demo.sh

bench: build
	bash bench/run

clean:
	rm -rf .build Reports/demo.sqlite*
