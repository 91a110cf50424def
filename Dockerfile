# The officeguard image: every service and the simulator are this image running ./officeguard.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -q -B -Dmaven.test.skip=true package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app officeguard && mkdir -p /data && chown officeguard /data
WORKDIR /app
COPY --from=build /src/launcher/target/officeguard.jar launcher/target/officeguard.jar
COPY --from=build /src/launcher/target/lib launcher/target/lib
COPY officeguard ./officeguard
COPY scripts/java-opts.sh scripts/java-opts.sh
COPY scripts/class-archive.sh scripts/class-archive.sh
# the jar is built here: without the stamp ./officeguard takes it for stale and runs Maven, which the image lacks;
# the class archives (faster start-up) are made here too, by a training start of this very jar and JRE
RUN touch launcher/target/.built && bash scripts/class-archive.sh
USER officeguard
# Healthy once GET /health answers 200: the service is connected and ready (its journal replayed). bash's /dev/tcp,
# since the JRE image has no curl; the services listen on 8080 (docker-compose.yml), or OFFICEGUARD_HEALTH_PORT.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${OFFICEGUARD_HEALTH_PORT:-8080} \
    && printf "GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
ENTRYPOINT []
CMD ["./officeguard", "--help"]
