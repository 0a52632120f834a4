package io.sahabot.ingress.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * The limits of the HTTP server that {@code /webhook} shares with everything else on the port, so
 * that slow or idle clients cannot hold its connections:
 *
 * <ul>
 *   <li><b>read timeout</b>: a request's head (request line and headers) must arrive whole within
 *       it, counted from the connection's opening for the first request and from the first byte of
 *       each later one ({@link HeadTimeout}: reactor-netty has no such limit; its idle timeout
 *       starts again with every decoded message, so a connection that never completes a head is
 *       held until the idle timeout, and bytes trickled one at a time do not count as progress),
 *       then its body within it of the head (reactor-netty's own {@link
 *       HttpServer#requestTimeout(Duration) request timeout}). A slower client's connection is
 *       closed.
 *   <li><b>idle timeout</b>: a kept-alive connection waiting for its next request is closed after
 *       it (reactor-netty's {@link HttpServer#idleTimeout(Duration)}, the setting behind Boot's
 *       {@code server.netty.idle-timeout}).
 *   <li><b>max connections</b>: beyond it a new connection is closed as soon as it is accepted
 *       (reactor-netty's {@code maxConnections}, counted by the acceptor); the connections already
 *       open are served as before.
 * </ul>
 *
 * <p>Metrics: {@code sahabot_ingress_http_connections} (open now) and {@code
 * sahabot_ingress_http_head_timeouts_total} (connections closed because a head did not arrive in
 * time).
 */
public final class ServerLimits {

  private static final Logger log = LoggerFactory.getLogger(ServerLimits.class);
  static final String HEAD_BYTES = "sahabot.headTimeout.bytes";
  static final String HEAD_REQUESTS = "sahabot.headTimeout.requests";

  private final Duration readTimeout;
  private final Duration idleTimeout;
  private final int maxConnections;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter headTimeouts;

  public ServerLimits(
      Duration readTimeout, Duration idleTimeout, int maxConnections, MeterRegistry registry) {
    this.readTimeout = readTimeout;
    this.idleTimeout = idleTimeout;
    this.maxConnections = maxConnections;
    Gauge.builder("sahabot.ingress.http.connections", open, AtomicInteger::get)
        .description("open HTTP connections; beyond max-connections new ones are closed")
        .register(registry);
    this.headTimeouts =
        Counter.builder("sahabot.ingress.http.head.timeouts")
            .description("connections closed because a request head did not arrive in time")
            .register(registry);
  }

  /** The server with these limits (a Boot {@code NettyServerCustomizer}). */
  public HttpServer apply(HttpServer server) {
    return server
        .idleTimeout(idleTimeout)
        .requestTimeout(readTimeout)
        .maxConnections(maxConnections)
        .doOnChannelInit((observer, channel, remoteAddress) -> install(channel));
  }

  private void install(Channel channel) {
    open.incrementAndGet();
    channel.closeFuture().addListener(f -> open.decrementAndGet());
    ChannelPipeline pipeline = channel.pipeline();
    if (pipeline.get(NettyPipeline.HttpCodec) == null) {
      // not plain HTTP/1.1 (h2c is not enabled on this server): no head timeout to add
      log.debug("No {} in the pipeline of {}: no head timeout", NettyPipeline.HttpCodec, channel);
      return;
    }
    HeadTimeout timeout = new HeadTimeout(readTimeout.toNanos(), headTimeouts);
    pipeline.addFirst(HEAD_BYTES, timeout.bytes);
    pipeline.addAfter(NettyPipeline.HttpCodec, HEAD_REQUESTS, timeout.requests);
  }

  /**
   * One connection's head deadline, kept on its event loop by two handlers: {@code bytes}, before
   * the HTTP codec, starts the deadline when the connection opens and when the first byte of a
   * request arrives; {@code requests}, after the codec, stops it when the request's head has been
   * decoded, and notes when the request's body has ended (the next byte starts a new request).
   */
  static final class HeadTimeout {

    private final long timeoutNanos;
    private final Counter timeouts;
    private Future<?> deadline;
    private boolean inRequest;
    private boolean timedOut;
    final ChannelInboundHandlerAdapter bytes = new Bytes();
    final ChannelInboundHandlerAdapter requests = new Requests();

    HeadTimeout(long timeoutNanos, Counter timeouts) {
      this.timeoutNanos = timeoutNanos;
      this.timeouts = timeouts;
    }

    private void start(ChannelHandlerContext ctx) {
      if (deadline == null) {
        Channel channel = ctx.channel();
        deadline =
            ctx.executor()
                .schedule(
                    () -> {
                      if (channel.isActive()) {
                        timedOut = true;
                        timeouts.increment();
                        log.debug("Request head not received in time, closing {}", channel);
                        channel.close();
                      }
                    },
                    timeoutNanos,
                    TimeUnit.NANOSECONDS);
      }
    }

    private void stop() {
      if (deadline != null) {
        deadline.cancel(false);
        deadline = null;
      }
    }

    private final class Bytes extends ChannelInboundHandlerAdapter {

      @Override
      public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!inRequest) {
          start(ctx);
        }
        super.channelRead(ctx, msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
      }
    }

    private final class Requests extends ChannelInboundHandlerAdapter {

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (timedOut) {
          // the codec's "closed before the headers" failure as it closes: known, not logged
          ReferenceCountUtil.release(msg);
          return;
        }
        if (msg instanceof HttpRequest) {
          stop();
          inRequest = true;
        }
        if (msg instanceof LastHttpContent) {
          inRequest = false;
        }
        super.channelRead(ctx, msg);
      }
    }
  }
}
