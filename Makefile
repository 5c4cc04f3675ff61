# RehabFAQs: two commands do all the set-up.
#   make serve   build and run the site at http://127.0.0.1:8080 on ./rehabfaqs.sqlite
#   make test    run every test
SWIFT ?= swift
HOST ?= 127.0.0.1
PORT ?= 8080
DATABASE ?= ./rehabfaqs.sqlite

.PHONY: serve test deps build release browser-check screenshots bench-import bench-http bench-static clean

deps:
	@./scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product rehabfaqs

serve: release
	$(SWIFT) run -c release --skip-build rehabfaqs serve --host $(HOST) --port $(PORT) --database $(DATABASE)

# Every test, PostgreSQL included: scripts/with-postgres.sh starts and removes a throwaway cluster.
# Then the browser and validator checks.
test: deps
	./scripts/with-postgres.sh $(SWIFT) test
	$(MAKE) browser-check

# Browser and validator checks on a running server with a throwaway database: sitemap schema,
# Nu HTML Checker, CSP-safe markup, JSON-LD, Atom feed, headless Chromium (screenshots, console
# errors, 390 px layout) and axe accessibility. Test runs keep their screenshots in .build.
browser-check: deps
	$(SWIFT) build --product rehabfaqs
	SCREENSHOTS_DIR=.build/screenshots ./scripts/browser-check.sh .build/debug/rehabfaqs

# The same checks, writing the screenshots committed in docs/screenshots.
screenshots: deps
	$(SWIFT) build --product rehabfaqs
	SCREENSHOTS_DIR=docs/screenshots ./scripts/browser-check.sh .build/debug/rehabfaqs

# Import and start-up benchmark on 10,000 generated articles (release build), on SQLite and on a
# throwaway PostgreSQL cluster with its default durability (fsync on).
bench-import: deps
	$(SWIFT) build -c release --product rehabfaqs
	$(SWIFT) build -c release --product rehabfaqs-import-perf
	REHABFAQS_PG_DURABLE=1 ./scripts/with-postgres.sh sh -c '.build/release/rehabfaqs-import-perf --rehabfaqs .build/release/rehabfaqs --postgres "$$REHABFAQS_TEST_POSTGRES_URL"'

# Loopback HTTP benchmark against nginx serving the same page (nginx and wrk from Debian).
bench-http: deps
	$(SWIFT) build -c release --product rehabfaqs
	./Benchmarks/http/run.sh

# Static export against Hugo on the same 10,000 generated articles (hugo from Debian).
bench-static: deps
	$(SWIFT) build -c release --product rehabfaqs
	./Benchmarks/static/run.sh

clean:
	rm -rf .build
