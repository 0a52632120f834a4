package io.sahabot.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chaos run's customers: each one a short, realistic conversation with one of the businesses
 * (is a time free, book an hour, sometimes cancel it), a message at a time, the next one after the
 * reply or after a minute without one. A webhook that ingress does not accept is posted again every
 * two seconds, as Meta retries; one message in ten is delivered twice, as Meta sometimes does.
 */
final class ChaosLoad implements AutoCloseable {

  /**
   * A message a customer sent.
   *
   * @param atMillis when it was first posted
   * @param acceptedAtMillis when ingress answered 200 (0 while it has not)
   */
  record Sent(
      String wamid,
      String customer,
      String phoneNumberId,
      String kind,
      long atMillis,
      long acceptedAtMillis) {}

  private static final String[] DAYS = {"Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma"};
  private static final Duration REPLY_WAIT = Duration.ofSeconds(60);

  private final String webhookUrl;
  private final Webhooks webhooks;
  private final List<String> businesses;
  private final int users;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
  private final ConcurrentHashMap<String, CountDownLatch> awaiting = new ConcurrentHashMap<>();
  private final AtomicLong customers = new AtomicLong();
  private final AtomicLong wamids = new AtomicLong();
  private final ExecutorService threads;
  private volatile boolean running;

  ChaosLoad(String webhookUrl, Webhooks webhooks, List<String> businesses, int users) {
    this.webhookUrl = webhookUrl;
    this.webhooks = webhooks;
    this.businesses = businesses;
    this.users = users;
    this.threads = Executors.newFixedThreadPool(users * 2 + 2);
  }

  /** What the Graph stub saw: a reply quoting a message ends that message's wait. */
  void replied(ChaosGraphStub.Call call) {
    if (call.quoted() != null) {
      CountDownLatch latch = awaiting.get(call.quoted());
      if (latch != null) {
        latch.countDown();
      }
    }
  }

  /**
   * One greeting to each business, all at once, waiting until each is answered (its tenant is then
   * provisioned and known to every service); how many were answered.
   */
  long warmUp(Duration timeout) throws InterruptedException {
    running = true;
    List<CountDownLatch> latches = new java.util.ArrayList<>();
    for (String business : businesses) {
      String wamid = "wamid.CHAOS.FIRST." + business;
      CountDownLatch replied = new CountDownLatch(1);
      awaiting.put(wamid, replied);
      latches.add(replied);
      threads.submit(() -> post(webhooks.text(business, "905300000001", wamid, "merhaba")));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long answered = 0;
    for (CountDownLatch latch : latches) {
      if (latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        answered++;
      }
    }
    return answered;
  }

  void start() {
    running = true;
    for (int u = 0; u < users; u++) {
      int user = u;
      threads.submit(() -> customers(user));
    }
  }

  /** Stops starting conversations and messages; the ones on their way finish. */
  void stop() {
    running = false;
  }

  List<Sent> sent() {
    return List.copyOf(sent);
  }

  private void customers(int user) {
    Random random = new Random(user);
    while (running) {
      long n = customers.incrementAndGet();
      String customer = String.format(Locale.ROOT, "9053%08d", n);
      String business = businesses.get((int) (n % businesses.size()));
      int day = random.nextInt(DAYS.length);
      int hour = 9 + random.nextInt(14);
      String slot =
          String.format(
              Locale.ROOT,
              "%s %02d:00-%02d:00 için saha ayırmak istiyorum",
              DAYS[day],
              hour,
              hour + 1);
      converse(
          customer,
          business,
          "availability",
          String.format(Locale.ROOT, "%s %02d:00 boş mu?", DAYS[day], hour));
      converse(customer, business, "booking", slot);
      if (n % 4 == 0) {
        converse(customer, business, "cancellation", DAYS[day] + " rezervasyonumu iptal et");
      }
    }
  }

  private void converse(String customer, String business, String kind, String text) {
    if (!running) {
      return;
    }
    String wamid = "wamid.CHAOS." + wamids.incrementAndGet();
    Webhooks.Signed webhook = webhooks.text(business, customer, wamid, text);
    CountDownLatch replied = new CountDownLatch(1);
    awaiting.put(wamid, replied);
    long at = System.currentTimeMillis();
    long accepted = post(webhook);
    sent.add(new Sent(wamid, customer, business, kind, at, accepted));
    if (accepted > 0 && wamids.get() % 10 == 0) {
      threads.submit(() -> post(webhook)); // Meta delivers some webhooks twice
    }
    try {
      replied.await(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      TimeUnit.MILLISECONDS.sleep(500); // the customer reads the reply
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      awaiting.remove(wamid);
    }
  }

  /** Posts until ingress takes it (200), as Meta does; when it took it, or 0 if the run ended. */
  private long post(Webhooks.Signed webhook) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(webhookUrl))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", webhook.signature())
            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook.body()))
            .build();
    long giveUp = System.currentTimeMillis() + Duration.ofMinutes(5).toMillis();
    while (System.currentTimeMillis() < giveUp) {
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return System.currentTimeMillis();
        }
      } catch (java.io.IOException e) {
        // ingress is down: Meta tries again later
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
      try {
        TimeUnit.SECONDS.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
    return 0;
  }

  @Override
  public void close() {
    running = false;
    threads.shutdownNow();
  }
}
