/*
 * core-pingpong: the floor under any shared-memory round trip on this machine. Two
 * threads, pinned to CPUs 0 and 1, bounce one cache line each way a million times;
 * one round trip is two cache-line transfers between the cores and nothing else.
 * Prints {"mode": "cache-line", "round_trip_ns": N}.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define ROUNDS 1000000u

static _Alignas(64) volatile uint64_t ping;
static _Alignas(64) volatile uint64_t pong;

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *peer(void *arg)
{
    (void)arg;
    pin(0);
    for (uint64_t i = 1; i <= ROUNDS; i++) {
        while (ping != i)
            ;
        pong = i;
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    struct timespec a, b;
    pthread_create(&t, NULL, peer, NULL);
    pin(1);
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (uint64_t i = 1; i <= ROUNDS; i++) {
        ping = i;
        while (pong != i)
            ;
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    pthread_join(t, NULL);
    double ns = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / ROUNDS;
    printf("{\"mode\": \"cache-line\", \"round_trip_ns\": %.1f}\n", ns);
    return 0;
}
