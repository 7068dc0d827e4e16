//! Requests and answers: pages, types, errors, traversal, many clients.

use std::net::TcpListener;

use crate::harness::{Serve, request, serve_site};

#[test]
fn pages_are_served_with_their_types_and_the_live_reload_script() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    assert!(serve.addr.ip().is_loopback(), "binds 127.0.0.1 by default");

    let home = serve.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(home.text().contains("<script data-broadsheet-live data-output=\"index.html\""), "{}", home.text());
    assert!(home.text().contains(&format!("{}/articles/delta/", serve.url)), "links use the local base URL");

    let article = serve.get("/articles/alpha/");
    assert_eq!(article.status, 200);
    assert!(article.text().contains("Le texte d’alpha."));
    assert_eq!(serve.get("/en/articles/alpha/").status, 200);
    assert_eq!(serve.get("/articles/alpha/index.html").status, 200);

    let moved = serve.get("/articles/alpha?x=1");
    assert_eq!((moved.status, moved.header("location")), (301, Some("/articles/alpha/?x=1")));

    for (path, kind) in [
        ("/theme.css", "text/css; charset=utf-8"),
        ("/syntax.css", "text/css; charset=utf-8"),
        ("/broadsheet.js", "text/javascript; charset=utf-8"),
        ("/img/dot.svg", "image/svg+xml; charset=utf-8"),
    ] {
        let reply = serve.get(path);
        assert_eq!((reply.status, reply.header("content-type")), (200, Some(kind)), "{path}");
        assert!(!reply.text().contains("data-broadsheet-live"), "{path}: only HTML gets the script");
    }
}

#[test]
fn a_site_previewed_under_a_sub_path_is_served_there_only_events_included() {
    let site = serve_site();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let serve = Serve::start_at(&site, port, &["--base-url", &format!("http://127.0.0.1:{port}/news")]);
    assert_eq!(serve.url, format!("http://127.0.0.1:{port}/news"));

    let home = serve.get("/news/");
    assert_eq!(home.status, 200);
    let text = home.text();
    assert!(text.contains("data-base=\"/news\""), "the live-reload script knows the base path");
    assert!(text.contains("href=\"/news/theme.css?v="), "{text}");
    assert!(text.contains(&format!("http://127.0.0.1:{port}/news/articles/delta/")));
    assert_eq!(serve.get("/news/articles/alpha/").status, 200);
    let moved = serve.get("/news/articles/alpha");
    assert_eq!((moved.status, moved.header("location")), (301, Some("/news/articles/alpha/")));
    let moved = serve.get("/news");
    assert_eq!((moved.status, moved.header("location")), (301, Some("/news/")));
    for outside in ["/", "/articles/alpha/", "/newsroom/", "/theme.css"] {
        assert_eq!(serve.get(outside).status, 404, "{outside} is not under /news/");
    }
    let missing = serve.get("/news/en/nothing/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("lang=\"en\""), "the theme's English 404 page");
    let hello = serve.events_at("/news/__broadsheet/events").next();
    assert_eq!(hello.name, "hello");
}

#[test]
fn listening_on_every_address_links_pages_to_this_machines_network_address() {
    let site = serve_site();
    let serve = Serve::start(&site, &["--bind", "0.0.0.0"]);
    let ip = serve.addr.ip();
    assert!(!ip.is_loopback() && !ip.is_unspecified(), "{ip}: a phone could not reach it");
    let home = serve.get("/");
    assert_eq!(home.status, 200, "answered on the network address");
    assert!(home.text().contains(&format!("http://{}/articles/delta/", serve.addr)), "links lead back here");
}

#[test]
fn head_has_no_body_and_other_methods_are_refused() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let head = serve.request("HEAD", "/articles/alpha/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(head.header("content-length").is_some_and(|n| n.parse::<usize>().unwrap() > 0));
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let reply = serve.request(method, "/");
        assert_eq!((reply.status, reply.header("allow")), (405, Some("GET, HEAD")), "{method}");
    }
}

#[test]
fn missing_pages_get_the_theme_404_page_in_their_language() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let missing = serve.get("/articles/nowhere/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(missing.text().contains("<html lang=\"fr\""), "{}", missing.text());
    assert!(missing.text().contains("data-output=\"\""), "a 404 page reloads on any change");
    let english = serve.get("/en/nowhere");
    assert_eq!(english.status, 404);
    assert!(english.text().contains("<html lang=\"en\""));
}

#[test]
fn folders_are_never_listed() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    for path in ["/img/", "/img", "/articles/"] {
        assert_eq!(serve.get(path).status, 404, "{path}");
    }
}

#[test]
fn traversal_attempts_never_leave_the_site() {
    let site = serve_site();
    site.write("secret.txt", "secret");
    let serve = Serve::start(&site, &[]);
    let attempts = [
        "/../secret.txt",
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/../../../../etc/passwd",
        "/articles/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/img%2f..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/index.html%00.css",
        "/img/dot.svg%00",
        "http://example.org/../secret.txt",
        "*",
    ];
    for target in attempts {
        let reply = serve.get(target);
        assert!(matches!(reply.status, 400 | 404), "{target}: {}", reply.status);
        let text = reply.text();
        assert!(!text.contains("secret") && !text.contains("base_url") && !text.contains("root:"), "{target}: {text}");
    }
}

#[test]
fn drafts_are_served_only_with_the_drafts_flag() {
    let site = serve_site();
    let without = Serve::start(&site, &[]);
    assert_eq!(without.get("/articles/brouillon/").status, 404);
    assert!(!without.get("/").text().contains("Brouillon"));
    drop(without);
    let with = Serve::start(&site, &["--drafts"]);
    assert_eq!(with.get("/articles/brouillon/").status, 200);
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = serve_site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = crate::common::command(site.clock())
        .args(["serve", "--port", &port, "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("cannot listen on 127.0.0.1:{port}: the port is already in use")), "{stderr}");
    assert!(stderr.contains("--port 0"), "{stderr}");
}

#[test]
fn hundreds_of_clients_and_open_event_streams_do_not_stall_the_server() {
    let site = serve_site();
    let serve = Serve::start(&site, &[]);
    let streams: Vec<_> = (0..50).map(|_| serve.events()).collect();
    let addr = serve.addr;
    let clients: Vec<_> = (0..300)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/" } else { "/articles/beta/" };
                request(addr, "GET", path).status
            })
        })
        .collect();
    for client in clients {
        assert_eq!(client.join().unwrap(), 200);
    }
    drop(streams);
    assert_eq!(serve.get("/").status, 200);
}
