"""WebSocket fan-out: N clients in one room, messages sent at a fixed rate, delivery latency.

    python bench/wsbench.py --url ws://127.0.0.1:18480/ws/discussions/load-bench/ \
        --origin http://127.0.0.1:18480 --sessions var/bench/sessions.json --rates 20,50,100

Clients are split over two processes (one would spend its time decoding frames rather than
measuring). Every process connects its share, the parent then tells them the schedule; each
process sends its share of the messages and records, per frame received, how long after its
sending it arrived (all processes share the machine's monotonic clock). A message counts as
delivered when all N clients received it. Prints a JSON summary per rate on stdout.
"""

import argparse
import asyncio
import json
import multiprocessing
import statistics
import time
import uuid

TOPIC = "Fan-out benchmark"


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


async def _client_main(url, origin, cookies, duration, drain, total, shard, conn):
    import websockets

    sockets, failed = [], 0
    for cookie in cookies:
        try:
            ws = await websockets.connect(
                url,
                origin=origin,
                additional_headers={"Cookie": f"sessionid={cookie}"},
                max_queue=None,
                open_timeout=30,
                ping_interval=None,
            )
            # In the room once its first frame (presence) arrives: a refused socket is
            # accepted and then closed with 4403.
            await asyncio.wait_for(ws.recv(), timeout=30)
        except (OSError, TimeoutError, websockets.WebSocketException):
            failed += 1  # counted: every message must still reach everyone who is connected
            continue
        sockets.append(ws)
    conn.send(("connected", len(sockets)))
    received = {}  # client_id -> list of arrival times

    async def reader(ws):
        try:
            async for raw in ws:
                if '"type": "message"' not in raw and '"type":"message"' not in raw:
                    continue
                frame = json.loads(raw)
                if frame.get("type") == "message":
                    received.setdefault(frame["client_id"], []).append(time.monotonic())
        except websockets.ConnectionClosed:
            return

    readers = [asyncio.create_task(reader(ws)) for ws in sockets]
    loop = asyncio.get_running_loop()
    while True:
        command = await loop.run_in_executor(None, conn.recv)
        if command[0] == "stop":
            break
        _, rate, begin = command
        sent = {}
        # Messages alternate between processes: this one sends every total-th message, from
        # its clients in turn (the per-person rate limit allows 20 messages in 10 s).
        interval = 1.0 / rate
        for i in range(int(rate * duration)):
            if i % total != shard:
                continue
            delay = begin + i * interval - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            client_id = str(uuid.uuid4())
            ws = sockets[(i // total) % len(sockets)]
            sent[client_id] = time.monotonic()
            frame = {
                "type": "message.send",
                "topic": TOPIC,
                "body": f"m{i}",
                "client_id": client_id,
            }
            try:
                await ws.send(json.dumps(frame))
            except websockets.ConnectionClosed:
                sent.pop(client_id)
        await asyncio.sleep(max(0.0, begin + duration + drain - time.monotonic()))
        conn.send(("sent", sent))
        conn.send(("received", dict(received)))
        received.clear()
    for task in readers:
        task.cancel()
    for ws in sockets:
        await ws.close()


def _client(url, origin, cookies, duration, drain, total, shard, conn):
    asyncio.run(_client_main(url, origin, cookies, duration, drain, total, shard, conn))


def run(url, origin, cookies, rates, duration=5.0, drain=3.0, processes=2):
    shards = [cookies[i::processes] for i in range(processes)]
    pipes, procs = [], []
    for shard, share in enumerate(shards):
        parent, child = multiprocessing.Pipe()
        proc = multiprocessing.Process(
            target=_client,
            args=(url, origin, share, duration, drain, processes, shard, child),
        )
        proc.start()
        pipes.append(parent)
        procs.append(proc)
    connected = sum(pipe.recv()[1] for pipe in pipes)
    time.sleep(5)  # let the presence frames of the joins settle
    summary = []
    for rate in rates:
        go = time.monotonic() + 0.5
        for pipe in pipes:
            pipe.send(("rate", rate, go))
        sent, received = {}, {}
        for pipe in pipes:
            sent.update(pipe.recv()[1])
            for client_id, times in pipe.recv()[1].items():
                received.setdefault(client_id, []).extend(times)
        latencies, complete = [], 0
        for client_id, at in sent.items():
            times = received.get(client_id, [])
            latencies.extend((t - at) * 1000 for t in times)
            complete += len(times) >= connected
        row = {
            "rate": rate,
            "clients": connected,
            "messages": len(sent),
            "delivered_to_all": complete,
            "frames": len(latencies),
            "expected_frames": len(sent) * connected,
            "p50_ms": round(percentile(latencies, 50) or 0, 1),
            "p99_ms": round(percentile(latencies, 99) or 0, 1),
            "mean_ms": round(statistics.fmean(latencies), 1) if latencies else None,
        }
        summary.append(row)
        print(json.dumps(row), flush=True)
        if rate >= 20 and (row["p99_ms"] >= 1000 or complete < len(sent)):
            break
    for pipe in pipes:
        pipe.send(("stop",))
    for proc in procs:
        proc.join(timeout=30)
        if proc.is_alive():
            proc.terminate()
    return summary


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--origin", required=True)
    parser.add_argument("--sessions", required=True, help="JSON list of session keys")
    parser.add_argument("--rates", default="20,50,100,200")
    parser.add_argument("--duration", type=float, default=5.0)
    args = parser.parse_args()
    with open(args.sessions) as file:
        cookies = json.load(file)
    rates = [int(r) for r in args.rates.split(",")]
    summary = run(args.url, args.origin, cookies, rates, duration=args.duration)
    print(json.dumps({"summary": summary}))


if __name__ == "__main__":
    main()
