#!/usr/bin/env bash
# Runs every benchmark and writes docs/benchmarks.md. Takes about 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests install
./mvnw -B -q -Pbenchmarks -pl benchmarks -DskipTests package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt
./mvnw -B -q -pl autoconfigure verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
	-Dit.test=StreamingBenchmarkIntegrationTests -Dbenchmarks=true -DargLine=-Xmx512m > benchmarks/target/streaming.log
./mvnw -B -q -pl sample-app spring-boot:run -Dspring-boot.run.arguments=--drill > benchmarks/target/drill.log
java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
	io.github.mysqlresilience.benchmarks.BenchmarksMain docs/benchmarks.md \
	benchmarks/target/streaming.log benchmarks/target/drill.log
