//! Clients that misbehave, by mistake or on purpose, cannot stop the server serving
//! the others: event streams that are never read, more idle connections than the
//! process may open, bursts of connections, oversized request heads, and connections
//! that send nothing or send their head a line at a time.

use std::fs;
use std::io::{BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use crate::harness::{PATIENCE, Serve, connect, read_reply, request, serve_site, stalled_event_stream};

const ALPHA: &str = "content/articles/2025-01-01-alpha.md";

/// Reads what the server sent until it closes the connection; fails if it is still
/// open after [`PATIENCE`].
fn assert_closed_by_server(mut stream: impl Read) {
    let start = Instant::now();
    let mut buf = vec![0; 1 << 16];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return,
            Ok(_) => assert!(start.elapsed() < PATIENCE, "the server keeps sending on the connection"),
            Err(e) if e.kind() == ErrorKind::ConnectionReset => return,
            Err(e) => panic!("the server kept the connection open: {e}"),
        }
    }
}

/// Internal links to nothing, each a build error of about 230 bytes; `round` makes
/// each version's errors new.
fn broken_links(count: usize, round: usize) -> String {
    let long = "missing-".repeat(20);
    (0..count).map(|i| format!("[x](@/articles/{long}{round}-{i}.md)\n")).collect()
}

#[test]
fn event_streams_never_read_delay_neither_other_streams_nor_pages_and_are_dropped() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let stalled: Vec<TcpStream> = (0..50).map(|_| stalled_event_stream(serve.addr)).collect();
    let mut reader = serve.greeted_events();
    // Each failed build sends every stream about 700 KB of errors: twenty of them are
    // more than the kernel buffers for a connection that is not read, plus the events
    // the server keeps for one.
    let original = fs::read_to_string(site.path(ALPHA)).unwrap();
    for round in 0..20 {
        site.write(ALPHA, format!("{original}\n{}", broken_links(3000, round)));
        let last = format!("-{round}-2999.md");
        reader.wait_for("with this round's errors", |e| e.errors().iter().any(|m| m.contains(&last)));
    }
    site.write(ALPHA, original.replace("Le texte d’alpha.", "Le texte d’alpha, toujours servi."));
    reader.wait_for_change("articles/alpha/index.html");
    assert!(serve.get("/articles/alpha/").text().contains("toujours servi"));
    assert_eq!(serve.events().next().name, "hello", "new streams are still answered");
    for stream in stalled {
        assert_closed_by_server(stream);
    }
}

#[test]
fn more_idle_connections_than_the_process_may_open_leave_it_serving_once_they_close() {
    let site = serve_site();
    let serve = Serve::start_with_open_file_limit(&site, 64);
    let idle: Vec<TcpStream> = (0..100).map(|_| connect(serve.addr)).collect();
    // The first one was accepted first, and is closed for sending nothing.
    assert_closed_by_server(&idle[0]);
    drop(idle);
    for _ in 0..5 {
        assert_eq!(serve.get("/").status, 200);
    }
    assert_eq!(serve.events().next().name, "hello");
}

#[cfg(target_os = "linux")]
#[test]
fn accept_errors_from_a_lack_of_descriptors_are_logged_and_survived() {
    use rustix::process::{Pid, Resource, Rlimit, getrlimit, prlimit};
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    // Lowered under the server's feet, below what it counted on at start: four more
    // descriptors than it has open now, which a few connections take.
    let open = fs::read_dir(format!("/proc/{}/fd", serve.pid())).unwrap().count();
    let pid = Pid::from_raw(serve.pid().try_into().unwrap());
    let lowered = Rlimit { current: Some(open as u64 + 4), maximum: getrlimit(Resource::Nofile).maximum };
    prlimit(pid, Resource::Nofile, lowered).unwrap();
    let idle: Vec<TcpStream> = (0..30).map(|_| connect(serve.addr)).collect();
    serve.stderr.wait_for("about failing to accept", |l| l.contains("cannot accept a connection"));
    drop(idle);
    assert_eq!(serve.get("/").status, 200);
    serve.stderr.wait_for("about accepting again", |l| l.contains("accepting connections again"));
    assert_eq!(serve.events().next().name, "hello");
}

#[test]
fn bursts_of_two_hundred_simultaneous_requests_are_all_answered() {
    const BURST: usize = 200;
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    for round in 0..3 {
        let start = Arc::new(Barrier::new(BURST + 1));
        let clients: Vec<_> = (0..BURST)
            .map(|i| {
                let (start, addr) = (start.clone(), serve.addr);
                std::thread::spawn(move || {
                    start.wait();
                    request(addr, "GET", if i % 2 == 0 { "/" } else { "/articles/beta/" }).status
                })
            })
            .collect();
        start.wait();
        let began = Instant::now();
        for client in clients {
            assert_eq!(client.join().unwrap(), 200);
        }
        eprintln!("burst {round}: {BURST} requests answered in {} ms", began.elapsed().as_millis());
    }
}

#[test]
fn an_oversized_request_head_gets_431_before_it_is_read_whole_while_others_are_served() {
    const HUGE: usize = 64 << 20;
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let stream = connect(serve.addr);
    let mut writer = stream.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let filler = [b'a'; 1 << 16];
        let mut sent = 0;
        if writer.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Filler: ").is_err() {
            return sent;
        }
        while sent < HUGE {
            match writer.write(&filler) {
                Ok(n) => sent += n,
                Err(_) => return sent,
            }
        }
        let _ = writer.write_all(b"\r\n\r\n");
        sent
    });
    assert_eq!(serve.get("/").status, 200, "others are served meanwhile");
    match read_reply(&mut BufReader::new(&stream), "GET") {
        Ok(reply) => assert_eq!(reply.status, 431),
        Err(e) => assert!(matches!(e.kind(), ErrorKind::ConnectionReset | ErrorKind::UnexpectedEof), "{e}"),
    }
    let sent = sender.join().unwrap();
    assert!(sent < HUGE, "the server read all {sent} bytes of the head");
    assert_eq!(serve.get("/").status, 200);
}

#[test]
fn a_request_target_over_8_kb_gets_414() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    assert_eq!(serve.get(&format!("/{}", "a".repeat(9 * 1024))).status, 414);
    assert_eq!(serve.get(&format!("/{}", "a".repeat(7 * 1024))).status, 404, "under the limit, looked up");
}

#[test]
fn connections_that_send_nothing_or_a_head_a_line_at_a_time_or_stay_open_are_closed() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let idle = connect(serve.addr);
    let slow = connect(serve.addr);
    let mut trickle = slow.try_clone().unwrap();
    let trickler = std::thread::spawn(move || {
        let _ = trickle.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n");
        let pause = Duration::from_millis(500);
        for i in 0..(PATIENCE.as_millis() / pause.as_millis()) {
            std::thread::sleep(pause);
            if write!(trickle, "X-Line-{i}: y\r\n").is_err() {
                return;
            }
        }
    });
    let kept = connect(serve.addr);
    write!(&kept, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(read_reply(&mut BufReader::new(&kept), "GET").unwrap().status, 200);

    assert_closed_by_server(&idle);
    assert_closed_by_server(&slow);
    assert_closed_by_server(&kept);
    trickler.join().unwrap();
}
