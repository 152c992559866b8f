# rungate: build, test, benchmark and fuzz.
GO        ?= go
BIN       ?= bin/rungate
PKGS      := ./...
FUZZTIME  ?= 2m
# Test summaries (differential agreement, Rego coverage) land here and are
# printed after the tests, since go test hides the output of passing tests.
REPORTS   := $(CURDIR)/.reports

.PHONY: all build test bench fuzz lint fmt generate docs clean

all: build test

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/rungate

test:
	@rm -rf $(REPORTS) && mkdir -p $(REPORTS)
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	$(GO) vet $(PKGS)
	RUNGATE_REPORT_DIR=$(REPORTS) $(GO) test -count=1 $(PKGS)
	@cat $(REPORTS)/*.txt 2>/dev/null || true

# BenchmarkLintProcess (cmd/rungate) times the whole `rungate lint -c`
# process, start-up included; BenchmarkEvaluate (pkg/engine) one spec
# against the catalogue; BenchmarkCorpus (pkg/lint) a corpus of real files,
# from RUNGATE_CORPUS or ../shared/corpus (it skips without one).
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseArgs$$' -fuzztime $(FUZZTIME) ./pkg/dockerrun
	$(GO) test -run '^$$' -fuzz '^FuzzShellCommands$$' -fuzztime $(FUZZTIME) ./pkg/scan
	$(GO) test -run '^$$' -fuzz '^FuzzPlanMatchesTopdown$$' -fuzztime $(FUZZTIME) ./pkg/engine

lint:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; exit 1; }
	$(GO) vet $(PKGS)

# docs/rules: one reference page per rule and an index, generated from the
# rules' metadata. TestRuleDocs (cmd/rungate) fails when they are stale.
docs:
	$(GO) run ./cmd/rungate rules --format markdown --output docs/rules

generate: docs

clean:
	rm -rf bin $(REPORTS)
