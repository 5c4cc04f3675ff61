# RehabFAQs: two commands do all the set-up.
#   make serve   build and run the site at http://127.0.0.1:8080 on ./rehabfaqs.sqlite
#   make test    run every test
SWIFT ?= swift
HOST ?= 127.0.0.1
PORT ?= 8080
DATABASE ?= ./rehabfaqs.sqlite

.PHONY: serve test deps build release bench-import clean

deps:
	@./scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product rehabfaqs

serve: release
	$(SWIFT) run -c release --skip-build rehabfaqs serve --host $(HOST) --port $(PORT) --database $(DATABASE)

# Every test, PostgreSQL included: scripts/with-postgres.sh starts and removes a throwaway cluster.
test: deps
	./scripts/with-postgres.sh $(SWIFT) test

# Import and start-up benchmark on 10,000 generated articles (release build), on SQLite and on a
# throwaway PostgreSQL cluster with its default durability (fsync on).
bench-import: deps
	$(SWIFT) build -c release --product rehabfaqs
	$(SWIFT) build -c release --product rehabfaqs-import-perf
	REHABFAQS_PG_DURABLE=1 ./scripts/with-postgres.sh sh -c '.build/release/rehabfaqs-import-perf --rehabfaqs .build/release/rehabfaqs --postgres "$$REHABFAQS_TEST_POSTGRES_URL"'

clean:
	rm -rf .build
