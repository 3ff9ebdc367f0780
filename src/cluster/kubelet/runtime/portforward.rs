//! Port forwarding into a `process` pod. Its containers are host processes sharing the
//! host's network, so a pod's port is the host's loopback port; the dial tries IPv4, then
//! IPv6, as containerd does inside a pod's namespace, and words a failure as containerd
//! does, which is the text people search for.

use crate::cluster::apiserver::node::{PortConnection, go_error_text};

/// Connect to `port` of the pod with uid `pod_uid`.
pub async fn dial(pod_uid: &str, port: u16) -> Result<Box<dyn PortConnection>, String> {
    let v4 = match tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
        Ok(s) => return Ok(Box::new(nodelay(s))),
        Err(e) => e,
    };
    let v6 = match tokio::net::TcpStream::connect(("::1", port)).await {
        Ok(s) => return Ok(Box::new(nodelay(s))),
        Err(e) => e,
    };
    Err(refused(pod_uid, port, &v4, &v6))
}

fn nodelay(s: tokio::net::TcpStream) -> tokio::net::TcpStream {
    // Forwarded traffic is often interactive (a shell, a database prompt).
    let _ = s.set_nodelay(true);
    s
}

/// containerd's message when neither address answered.
fn refused(pod_uid: &str, port: u16, v4: &std::io::Error, v6: &std::io::Error) -> String {
    format!(
        "failed to execute portforward in network namespace \"host\": failed to connect to localhost:{port} inside namespace \"{pod_uid}\", IPv4: dial tcp4 127.0.0.1:{port}: connect: {} IPv6 dial tcp6 [::1]:{port}: connect: {}",
        go_error_text(v4),
        go_error_text(v6)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_reads_like_containerd() {
        let e = std::io::Error::from_raw_os_error(libc::ECONNREFUSED);
        assert_eq!(
            refused("u1", 8080, &e, &e),
            "failed to execute portforward in network namespace \"host\": failed to connect to localhost:8080 inside namespace \"u1\", IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused IPv6 dial tcp6 [::1]:8080: connect: connection refused"
        );
    }

    #[tokio::test]
    async fn dial_reaches_a_loopback_listener() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let server = tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.expect("accept");
            s.write_all(b"hi").await.expect("write");
        });
        let mut conn = dial("u", port).await.expect("connects");
        let mut got = Vec::new();
        conn.read_to_end(&mut got).await.expect("read");
        assert_eq!(got, b"hi");
        server.await.expect("server");
    }
}
