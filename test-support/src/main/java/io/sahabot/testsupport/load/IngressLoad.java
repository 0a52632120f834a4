package io.sahabot.testsupport.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sahabot.testsupport.MetaWebhooks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load generator for a webhook endpoint: signed POSTs (as Meta signs them) over a fixed number of
 * keep-alive HTTP/1.1 connections, and the rate and latency percentiles of the answers. It is kept
 * lean (plain Netty, requests encoded once, one client thread by default) because on a small
 * machine it shares the cores with what it measures.
 *
 * <ul>
 *   <li>{@link #run(URI, int, Duration, List)}: closed loop, each connection sends its next request
 *       as soon as the previous one is answered; the rate is what the target sustains.
 *   <li>{@link #run(URI, int, Duration, List, double)} with a rate: open loop at that offered rate,
 *       latency measured from when each request was due (so a stall is not hidden by requests not
 *       sent during it).
 * </ul>
 *
 * <p>Only 200 counts as ok; any other status, and connection errors, count as failed (by status in
 * {@link Result#statuses()}, errors as status 0). A connection that closes is reopened. Usable from
 * any module (a benchmark suite driving a service started as a jar, or a test in the same JVM): it
 * needs only the target's URI and the signed bodies ({@link MetaWebhooks#signedForBusinesses}).
 */
public final class IngressLoad {

  /** The client's threads are named {@code ingress-load-*} (to tell them apart in a profile). */
  public static final String THREAD_NAME = "ingress-load";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private IngressLoad() {}

  /**
   * What a load measured.
   *
   * @param target the URI posted to
   * @param connections concurrent connections
   * @param offeredPerSecond the open-loop rate, 0 for closed loop
   * @param ok answers 200
   * @param failed other answers and connection errors
   * @param statuses count by HTTP status (0 = connection error)
   * @param seconds from the first request to the last answer
   * @param perSecond ok answers per second
   * @param p50Ms median latency of the ok answers, in milliseconds
   * @param p99Ms 99th percentile
   * @param p999Ms 99.9th percentile
   * @param maxMs the slowest
   * @param clientCpuMs CPU time the load generator's own threads used (to tell whether the client
   *     was the bottleneck, and to subtract it from a process that also hosts the target)
   */
  public record Result(
      URI target,
      int connections,
      double offeredPerSecond,
      long ok,
      long failed,
      Map<Integer, Long> statuses,
      double seconds,
      double perSecond,
      double p50Ms,
      double p99Ms,
      double p999Ms,
      double maxMs,
      double clientCpuMs) {

    /** One line: rate and percentiles. */
    public String summary() {
      return String.format(
          java.util.Locale.ROOT,
          "%.0f/s ok=%d failed=%d p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms client-cpu=%.0fms",
          perSecond,
          ok,
          failed,
          p50Ms,
          p99Ms,
          p999Ms,
          maxMs,
          clientCpuMs);
    }
  }

  /** Closed loop: {@code connections} connections posting back to back for {@code duration}. */
  public static Result run(
      URI target, int connections, Duration duration, List<MetaWebhooks.Signed> webhooks) {
    return run(target, connections, duration, webhooks, 0);
  }

  /**
   * Posts {@code webhooks} (round robin) to {@code target} over {@code connections} connections for
   * {@code duration}; closed loop when {@code offeredPerSecond} is 0, else open loop at that rate.
   */
  public static Result run(
      URI target,
      int connections,
      Duration duration,
      List<MetaWebhooks.Signed> webhooks,
      double offeredPerSecond) {
    return run(target, connections, duration, webhooks, offeredPerSecond, 1);
  }

  /** As {@link #run(URI, int, Duration, List, double)}, with {@code clientThreads} I/O threads. */
  public static Result run(
      URI target,
      int connections,
      Duration duration,
      List<MetaWebhooks.Signed> webhooks,
      double offeredPerSecond,
      int clientThreads) {
    if (connections < 1 || webhooks.isEmpty() || clientThreads < 1 || offeredPerSecond < 0) {
      throw new IllegalArgumentException("connections, webhooks and threads must not be empty");
    }
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            Math.min(clientThreads, connections),
            new DefaultThreadFactory(THREAD_NAME, true),
            NioIoHandler.newFactory());
    List<ByteBuf> requests = requests(target, webhooks);
    try {
      return new Run(target, connections, duration, requests, offeredPerSecond).execute(group);
    } finally {
      requests.forEach(ByteBuf::release);
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
  }

  /** Every request encoded once, whole (request line, headers, body), in a direct buffer. */
  private static List<ByteBuf> requests(URI target, List<MetaWebhooks.Signed> webhooks) {
    String path =
        target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    if (target.getRawQuery() != null) {
      path += "?" + target.getRawQuery();
    }
    String host = target.getHost() + ":" + port(target);
    List<ByteBuf> requests = new ArrayList<>(webhooks.size());
    for (MetaWebhooks.Signed webhook : webhooks) {
      byte[] head =
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nContent-Type: application/json\r\n"
                  + MetaWebhooks.SIGNATURE_HEADER
                  + ": "
                  + webhook.signature()
                  + "\r\nContent-Length: "
                  + webhook.body().length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      ByteBuf request = Unpooled.directBuffer(head.length + webhook.body().length);
      request.writeBytes(head).writeBytes(webhook.body());
      requests.add(request);
    }
    return requests;
  }

  private static int port(URI target) {
    return target.getPort() > 0 ? target.getPort() : 80;
  }

  /** One load: its connections, counters and latencies; everything of a lane on its event loop. */
  private static final class Run {
    private final URI target;
    private final int connections;
    private final Duration duration;
    private final List<ByteBuf> requests;
    private final double offeredPerSecond;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Lane> lanes = new ArrayList<>();
    private long startNanos;
    private long deadlineNanos;

    Run(
        URI target,
        int connections,
        Duration duration,
        List<ByteBuf> requests,
        double offeredPerSecond) {
      this.target = target;
      this.connections = connections;
      this.duration = duration;
      this.requests = requests;
      this.offeredPerSecond = offeredPerSecond;
    }

    Result execute(EventLoopGroup group) {
      Bootstrap bootstrap =
          new Bootstrap()
              .group(group)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.TCP_NODELAY, true)
              .option(ChannelOption.SO_KEEPALIVE, true);
      List<EventLoop> loops = new ArrayList<>();
      group.forEach(e -> loops.add((EventLoop) e));
      for (EventLoop loop : loops) {
        lanes.add(new Lane(this, loop));
      }
      // connect everything first, so connection set-up is not measured
      for (int i = 0; i < connections; i++) {
        lanes.get(i % lanes.size()).connect(bootstrap);
      }
      startNanos = System.nanoTime();
      deadlineNanos = startNanos + duration.toNanos();
      CountDownLatch done = new CountDownLatch(lanes.size());
      for (Lane lane : lanes) {
        lane.loop.execute(() -> lane.start(bootstrap, done));
      }
      try {
        if (!done.await(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("load on " + target + " did not finish");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      for (Lane lane : lanes) {
        lane.loop
            .submit(() -> new ArrayList<>(lane.channels).forEach(Channel::close))
            .syncUninterruptibly();
      }
      return result();
    }

    private Result result() {
      long ok = 0;
      long end = startNanos;
      Map<Integer, Long> statuses = new TreeMap<>();
      int total = 0;
      long clientCpu = 0;
      for (Lane lane : lanes) {
        clientCpu += lane.cpuNanos;
        total += lane.latencyCount;
        end = Math.max(end, lane.lastAnswerNanos);
        lane.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
      }
      long[] all = new long[total];
      int at = 0;
      for (Lane lane : lanes) {
        System.arraycopy(lane.latencies, 0, all, at, lane.latencyCount);
        at += lane.latencyCount;
      }
      Arrays.sort(all);
      ok = statuses.getOrDefault(200, 0L);
      long failed = statuses.values().stream().mapToLong(Long::longValue).sum() - ok;
      double seconds = Math.max(1e-9, (end - startNanos) / 1e9);
      return new Result(
          target,
          connections,
          offeredPerSecond,
          ok,
          failed,
          Map.copyOf(statuses),
          seconds,
          ok / seconds,
          percentile(all, 0.50),
          percentile(all, 0.99),
          percentile(all, 0.999),
          all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6,
          clientCpu / 1e6);
    }

    ByteBuf nextRequest() {
      return requests
          .get(Math.floorMod(next.getAndIncrement(), requests.size()))
          .retainedDuplicate();
    }
  }

  /**
   * The connections of one event loop. Closed loop: each sends again when answered. Open loop: a
   * tick every millisecond makes the due requests, which wait for a free connection in {@code due}.
   */
  private static final class Lane {
    private final Run run;
    private final EventLoop loop;
    private final List<Channel> channels = new ArrayList<>();
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Long> due = new ArrayDeque<>();
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long[] latencies = new long[1 << 16];
    private int latencyCount;
    private long lastAnswerNanos;
    private int inFlight;
    private long made;
    private CountDownLatch done;
    private Bootstrap bootstrap;
    private long cpuNanos; // of this lane's thread during the load

    Lane(Run run, EventLoop loop) {
      this.run = run;
      this.loop = loop;
    }

    void connect(Bootstrap bootstrap) {
      Channel channel = open(bootstrap).syncUninterruptibly().channel();
      loop.execute(() -> channels.add(channel));
    }

    private ChannelFuture open(Bootstrap bootstrap) {
      return bootstrap
          .clone(loop)
          .handler(
              new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                  ch.pipeline().addLast(new HttpResponseDecoder(), new Answers(Lane.this));
                }
              })
          .connect(run.target.getHost(), port(run.target));
    }

    void start(Bootstrap bootstrap, CountDownLatch done) {
      this.bootstrap = bootstrap;
      this.done = done;
      cpuNanos = -THREADS.getCurrentThreadCpuTime();
      idle.addAll(channels);
      if (run.offeredPerSecond > 0) {
        tick();
      } else {
        while (!idle.isEmpty()) {
          send(idle.poll(), System.nanoTime());
        }
      }
    }

    private void tick() {
      long now = System.nanoTime();
      double perLane = run.offeredPerSecond / run.lanes.size();
      long shouldHave =
          (long) (perLane * (Math.min(now, run.deadlineNanos) - run.startNanos) / 1e9);
      for (; made < shouldHave; made++) {
        due.add(run.startNanos + (long) (made * 1e9 / perLane));
      }
      while (!due.isEmpty() && !idle.isEmpty()) {
        send(idle.poll(), due.poll());
      }
      if (now < run.deadlineNanos) {
        loop.schedule(this::tick, 1, TimeUnit.MILLISECONDS);
      } else {
        finishIfDone();
      }
    }

    private void send(Channel channel, long dueNanos) {
      inFlight++;
      Answers answers = channel.pipeline().get(Answers.class);
      answers.dueNanos = dueNanos;
      answers.waiting = true;
      channel
          .writeAndFlush(run.nextRequest())
          .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    void answered(Channel channel, int status, long dueNanos) {
      long now = System.nanoTime();
      inFlight--;
      lastAnswerNanos = now;
      statuses.merge(status, 1L, Long::sum);
      if (status == 200) {
        if (latencyCount == latencies.length) {
          latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[latencyCount++] = now - dueNanos;
      }
      if (!channel.isActive()) {
        return;
      }
      if (run.offeredPerSecond > 0) {
        if (!due.isEmpty()) {
          send(channel, due.poll());
        } else {
          idle.add(channel);
          finishIfDone();
        }
      } else if (now < run.deadlineNanos) {
        send(channel, now);
      } else {
        finishIfDone();
      }
    }

    /** A connection failed: its request counts as status 0, and a new connection replaces it. */
    void failed(Channel channel, boolean requestLost) {
      channels.remove(channel);
      idle.remove(channel);
      if (requestLost) {
        inFlight--;
        statuses.merge(0, 1L, Long::sum);
      }
      if (System.nanoTime() < run.deadlineNanos) {
        open(bootstrap)
            .addListener(
                (ChannelFutureListener)
                    f -> {
                      if (f.isSuccess()) {
                        channels.add(f.channel());
                        if (run.offeredPerSecond > 0 && due.isEmpty()) {
                          idle.add(f.channel());
                        } else {
                          send(
                              f.channel(),
                              run.offeredPerSecond > 0 ? due.poll() : System.nanoTime());
                        }
                      } else {
                        statuses.merge(0, 1L, Long::sum);
                        loop.schedule(() -> failed(f.channel(), false), 10, TimeUnit.MILLISECONDS);
                      }
                    });
      } else {
        finishIfDone();
      }
    }

    private void finishIfDone() {
      boolean afterDeadline = System.nanoTime() >= run.deadlineNanos;
      boolean nothingDue = run.offeredPerSecond == 0 || due.isEmpty();
      if (afterDeadline && nothingDue && inFlight == 0 && done != null) {
        CountDownLatch latch = done;
        done = null;
        cpuNanos += THREADS.getCurrentThreadCpuTime();
        latch.countDown();
      }
    }
  }

  /** Reads the answers of one connection: the status, then the end of the body. */
  private static final class Answers extends SimpleChannelInboundHandler<HttpObject> {
    private final Lane lane;
    private int status;
    boolean waiting;
    long dueNanos;

    Answers(Lane lane) {
      this.lane = lane;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpResponse response) {
        status = response.status().code();
      }
      if (msg instanceof LastHttpContent) { // body bytes of an answer are not kept
        waiting = false;
        lane.answered(ctx.channel(), status, dueNanos);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      lane.failed(ctx.channel(), waiting);
      waiting = false;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
