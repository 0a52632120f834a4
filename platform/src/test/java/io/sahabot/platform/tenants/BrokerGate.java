package io.sahabot.platform.tenants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bootstrap address in front of the broker that hangs up on every connection until {@link
 * #open()}, then forwards them: a broker the client cannot reach, then can. (Once bootstrapped, the
 * client talks to the broker's advertised address directly.)
 */
final class BrokerGate implements AutoCloseable {

  private final ServerSocket server;
  private final String brokerHost;
  private final int brokerPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean open;

  BrokerGate(String bootstrap) throws IOException {
    String first = bootstrap.split(",")[0];
    int colon = first.lastIndexOf(':');
    this.brokerHost = first.substring(0, colon);
    this.brokerPort = Integer.parseInt(first.substring(colon + 1));
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "broker-gate");
    accept.setDaemon(true);
    accept.start();
  }

  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  void open() {
    open = true;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (!open) {
          client.close();
          continue;
        }
        Socket broker = new Socket(brokerHost, brokerPort);
        sockets.add(client);
        sockets.add(broker);
        pipe(client, broker);
        pipe(broker, client);
      } catch (IOException e) {
        // closed, or one connection failed: the client tries again
      }
    }
  }

  private static void pipe(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // one side closed
              } finally {
                try {
                  from.close();
                  to.close();
                } catch (IOException e) {
                  // closing
                }
              }
            },
            "broker-gate-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
