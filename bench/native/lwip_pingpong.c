/*
 * lwip-pingpong: the bench's lwIP peer, built from Debian's liblwip-dev (2.1.3),
 * so our stack's round trip is compared with another user-space TCP in the same run.
 * lwIP's raw API on one thread, busy-polling its link, exactly as our engine polls:
 *   --tap IFACE        a tap interface this process creates; a non-blocking read() spin
 *                      and one write() per frame (the same as our own tap port);
 *   --shm FILE --side N   the shared-memory ring link of native/ttt_shm.h (our shm port's format).
 * Client: --peer A.B.C.D:PORT --count N: N 64-byte ping-pongs (a tenth more, up to 1000,
 * warm up first), percentiles as JSON in the shape of `ttt tcpcheck --rtt`.
 * Server: --listen PORT: echo one connection until it closes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#include "ttt_shm.h"
#include "ttt_tap.h"

#define MESSAGE 64

static int tap_fd = -1;
static ttt_shm_link *shm;
static uint8_t frame_in[2048], frame_out[2048];
static struct netif nif;
static struct tcp_pcb *conn;
static int connected, closed, server, echo_failed;
static size_t got;
static uint8_t message[MESSAGE];

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static err_t link_output(struct netif *n, struct pbuf *p)
{
    (void)n;
    uint16_t len = pbuf_copy_partial(p, frame_out, sizeof frame_out, 0);
    ttt_frame f = { .data = frame_out, .len = len };
    if (tap_fd >= 0)
        return ttt_tap_send(tap_fd, &f, 1) == 1 ? ERR_OK : ERR_IF;
    while (ttt_shm_send(shm, &f, 1) == 0)
        ; /* the ring is full: the peer drains it */
    return ERR_OK;
}

static err_t link_init(struct netif *n)
{
    n->name[0] = 't';
    n->name[1] = 'p';
    n->output = etharp_output;
    n->linkoutput = link_output;
    n->mtu = 1500;
    n->hwaddr_len = 6;
    memcpy(n->hwaddr, "\x02\x00\x00\x00\x00\x03", 6);
    n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
    return ERR_OK;
}

/* One poll of the link: every waiting frame into lwIP. */
static void poll_link(void)
{
    for (;;) {
        ttt_frame f = { .data = frame_in, .tailroom = sizeof frame_in };
        uint64_t cut = 0;
        uint16_t n = tap_fd >= 0 ? ttt_tap_recv(tap_fd, &f, 1, &cut) : ttt_shm_recv(shm, &f, 1, &cut);
        if (n == 0)
            return;
        struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)f.len, PBUF_POOL);
        if (p == NULL)
            return;
        pbuf_take(p, frame_in, (u16_t)f.len);
        if (nif.input(p, &nif) != ERR_OK)
            pbuf_free(p);
    }
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    (void)arg;
    (void)err;
    if (p == NULL) {
        closed = 1;
        if (server)
            tcp_close(pcb);
        return ERR_OK;
    }
    if (server) {
        for (struct pbuf *q = p; q != NULL; q = q->next)
            if (tcp_write(pcb, q->payload, q->len, TCP_WRITE_FLAG_COPY) != ERR_OK)
                echo_failed = 1;
        tcp_output(pcb);
    }
    got += p->tot_len;
    tcp_recved(pcb, p->tot_len);
    pbuf_free(p);
    return ERR_OK;
}

static void on_error(void *arg, err_t err)
{
    (void)arg;
    fprintf(stderr, "lwip-pingpong: connection error %d\n", err);
    conn = NULL;
    closed = 1;
}

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    (void)arg;
    (void)pcb;
    connected = err == ERR_OK;
    return ERR_OK;
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    (void)arg;
    if (err != ERR_OK || pcb == NULL)
        return ERR_VAL;
    conn = pcb;
    tcp_nagle_disable(pcb);
    tcp_recv(pcb, on_recv);
    tcp_err(pcb, on_error);
    connected = 1;
    return ERR_OK;
}

static int compare(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void usage(void)
{
    fprintf(stderr, "usage: lwip-pingpong (--tap IFACE | --shm FILE --side 0|1) --local A.B.C.D "
                    "(--peer A.B.C.D:PORT --count N | --listen PORT) [--wait SECONDS]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *tap = NULL, *shm_path = NULL, *local = NULL, *peer = NULL;
    int side = 0, listen_port = 0, count = 10000;
    double wait_s = 20;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        if (!strcmp(argv[i], "--tap")) tap = argv[++i];
        else if (!strcmp(argv[i], "--shm")) shm_path = argv[++i];
        else if (!strcmp(argv[i], "--side")) side = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--local")) local = argv[++i];
        else if (!strcmp(argv[i], "--peer")) peer = argv[++i];
        else if (!strcmp(argv[i], "--listen")) listen_port = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--count")) count = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--wait")) wait_s = atof(argv[++i]);
        else usage();
    }
    if ((tap == NULL) == (shm_path == NULL) || local == NULL || (peer == NULL) == (listen_port == 0) || count <= 0)
        usage();
    server = listen_port != 0;
    if (tap != NULL) {
        tap_fd = ttt_tap_open(tap);
        if (tap_fd < 0) {
            fprintf(stderr, "lwip-pingpong: cannot open tap %s: %s\n", tap, strerror(-tap_fd));
            return 2;
        }
    } else {
        int rc;
        uint64_t until = now_ns() + (uint64_t)(wait_s * 1e9);
        while ((rc = ttt_shm_open(shm_path, side, &shm)) == -ENOENT && side == 1 && now_ns() < until)
            usleep(10000);
        if (rc < 0) {
            fprintf(stderr, "lwip-pingpong: cannot open %s: %s\n", shm_path, strerror(-rc));
            return 2;
        }
    }
    lwip_init();
    ip4_addr_t ip, mask, gw;
    if (!ip4addr_aton(local, &ip))
        usage();
    IP4_ADDR(&mask, 255, 255, 255, 0);
    ip4_addr_set_zero(&gw);
    netif_add(&nif, &ip, &mask, &gw, NULL, link_init, ethernet_input);
    netif_set_default(&nif);
    netif_set_up(&nif);

    uint64_t deadline = now_ns() + (uint64_t)(wait_s * 1e9);
    if (server) {
        struct tcp_pcb *l = tcp_new();
        tcp_bind(l, IP_ANY_TYPE, (u16_t)listen_port);
        l = tcp_listen(l);
        tcp_accept(l, on_accept);
        while (!closed && (connected || now_ns() < deadline)) {
            poll_link();
            sys_check_timeouts();
        }
        for (uint64_t end = now_ns() + 200000000u; now_ns() < end;) { /* let the FIN exchange finish */
            poll_link();
            sys_check_timeouts();
        }
        int ok = connected && got > 0 && !echo_failed;
        printf("{\"mode\": \"lwip-echo\", \"bytes\": %zu, \"intact\": %s}\n", got, ok ? "true" : "false");
        return ok ? 0 : 1;
    }

    char host[64];
    int port;
    const char *colon = strrchr(peer, ':');
    if (colon == NULL || (size_t)(colon - peer) >= sizeof host)
        usage();
    memcpy(host, peer, (size_t)(colon - peer));
    host[colon - peer] = 0;
    port = atoi(colon + 1);
    ip_addr_t remote;
    if (!ipaddr_aton(host, &remote) || !IP_IS_V4(&remote) || port <= 0)
        usage();
    while (!connected && now_ns() < deadline) {
        conn = tcp_new();
        tcp_nagle_disable(conn);
        tcp_recv(conn, on_recv);
        tcp_err(conn, on_error);
        closed = 0;
        tcp_connect(conn, &remote, (u16_t)port, on_connected);
        uint64_t attempt = now_ns() + 3000000000u;
        while (!connected && !closed && now_ns() < attempt && now_ns() < deadline) {
            poll_link();
            sys_check_timeouts();
        }
        if (!connected && conn != NULL) {
            tcp_abort(conn);
            conn = NULL;
        }
    }
    if (!connected) {
        printf("{\"mode\": \"lwip-rtt\", \"intact\": false, \"error\": \"could not connect to %s\"}\n", peer);
        return 1;
    }
    int warmup = count / 10 < 1000 ? count / 10 : 1000;
    uint64_t *samples = malloc(sizeof(uint64_t) * (size_t)count);
    if (samples == NULL) {
        fprintf(stderr, "lwip-pingpong: no memory for %d samples\n", count);
        return 2;
    }
    uint64_t start = now_ns();
    for (int i = 0; i < warmup + count; i++) {
        message[0] = (uint8_t)i;
        got = 0;
        uint64_t t0 = now_ns();
        if (tcp_write(conn, message, MESSAGE, TCP_WRITE_FLAG_COPY) != ERR_OK) {
            printf("{\"mode\": \"lwip-rtt\", \"intact\": false, \"error\": \"tcp_write refused round trip %d\"}\n", i);
            return 1;
        }
        tcp_output(conn);
        for (unsigned spins = 0; got < MESSAGE && !closed; spins++) {
            poll_link();
            if ((spins & 1023) == 1023)
                sys_check_timeouts(); /* a lost segment is retransmitted, never a hang */
        }
        uint64_t t1 = now_ns();
        if (closed) {
            printf("{\"mode\": \"lwip-rtt\", \"intact\": false, \"error\": \"closed after %d round trips\"}\n", i);
            return 1;
        }
        if (i >= warmup)
            samples[i - warmup] = t1 - t0;
        sys_check_timeouts();
    }
    double seconds = (double)(now_ns() - start) / 1e9;
    tcp_close(conn);
    for (uint64_t end = now_ns() + 200000000u; now_ns() < end;) {
        poll_link();
        sys_check_timeouts();
    }
    qsort(samples, (size_t)count, sizeof samples[0], compare);
#define AT(q) samples[(size_t)((double)(count - 1) * (q))]
    printf("{\"mode\": \"lwip-rtt\", \"port\": \"%s\", \"bytes\": %d, \"seconds\": %.6f, \"intact\": true, "
           "\"rtt_ns\": {\"count\": %d, \"min\": %llu, \"p50\": %llu, \"p90\": %llu, \"p99\": %llu, \"p99_9\": %llu, \"max\": %llu}}\n",
           tap != NULL ? "tap" : "shm", count * MESSAGE, seconds, count, (unsigned long long)samples[0], (unsigned long long)AT(0.5),
           (unsigned long long)AT(0.9), (unsigned long long)AT(0.99), (unsigned long long)AT(0.999), (unsigned long long)samples[count - 1]);
    return 0;
}
