//! `-v=N` request logging, as kubectl's round-trippers log at its verbosity levels, done by a
//! tower layer around the kube client's service stack: 6 logs each request's method, URL,
//! status and latency; 7 adds request and response headers (credentials masked); 8 adds
//! bodies cut at 1024 characters; 9 and up log bodies whole. Streaming responses (watches,
//! followed logs) are never buffered. Logs go through `tracing`, on stderr.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use bytes::Bytes;
use http::{HeaderMap, Request, Response};
use http_body_util::BodyExt;
use http_body_util::combinators::UnsyncBoxBody;
use kube::client::Body;
use tower::{BoxError, Layer, Service};

/// Adds request logging at a kubectl verbosity level.
#[derive(Clone, Debug)]
pub struct VerboseLayer {
    pub level: u8,
    /// The server's base URL, since requests inside the stack are still relative.
    pub base: String,
    /// How the credentials the inner stack adds would show (`Bearer <masked>`), if any.
    pub authorization: Option<String>,
}

impl<S> Layer<S> for VerboseLayer {
    type Service = Verbose<S>;

    fn layer(&self, inner: S) -> Verbose<S> {
        Verbose { inner, cfg: self.clone() }
    }
}

#[derive(Clone, Debug)]
pub struct Verbose<S> {
    inner: S,
    cfg: VerboseLayer,
}

/// Bodies cut to what the level shows, with client-go's marker.
pub fn truncate_body(body: &str, level: u8) -> String {
    let max = if level >= 9 { return body.to_string() } else { 1024 };
    if body.chars().count() <= max {
        return body.to_string();
    }
    let kept: String = body.chars().take(max).collect();
    format!("{kept} [truncated {} chars]", body.chars().count() - max)
}

/// A value quoted as klog's structured logging quotes strings (Go's `%q`, which JSON's
/// string escaping matches for everything a URL, status or JSON body contains).
pub fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// klog's line header, so `-v` output reads (and greps) like kubectl's:
/// `I1126 22:53:12.924939   32197 verbose.rs:144] "Response" verb="GET" …` — severity and
/// local date and time to the microsecond, process id, source file and line.
pub struct KlogFormat;

impl<S, N> tracing_subscriber::fmt::FormatEvent<S, N> for KlogFormat
where
    S: tracing::Subscriber + for<'a> tracing_subscriber::registry::LookupSpan<'a>,
    N: for<'a> tracing_subscriber::fmt::FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &tracing_subscriber::fmt::FmtContext<'_, S, N>,
        mut writer: tracing_subscriber::fmt::format::Writer<'_>,
        event: &tracing::Event<'_>,
    ) -> std::fmt::Result {
        let meta = event.metadata();
        let severity = match *meta.level() {
            tracing::Level::ERROR => 'E',
            tracing::Level::WARN => 'W',
            _ => 'I',
        };
        let now = jiff::Zoned::now();
        let file = meta.file().map(|f| f.rsplit('/').next().unwrap_or(f)).unwrap_or_else(|| meta.target());
        write!(
            writer,
            "{severity}{:02}{:02} {:02}:{:02}:{:02}.{:06} {:>7} {file}:{}] ",
            now.month(),
            now.day(),
            now.hour(),
            now.minute(),
            now.second(),
            now.subsec_nanosecond() / 1000,
            std::process::id(),
            meta.line().unwrap_or(0),
        )?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

/// Headers one per line, credentials masked.
pub fn format_headers(headers: &HeaderMap, authorization: Option<&str>) -> String {
    let mut lines: Vec<String> = headers
        .iter()
        .map(|(k, v)| {
            let value = if k == http::header::AUTHORIZATION {
                mask(v.to_str().unwrap_or(""))
            } else {
                v.to_str().unwrap_or("<binary>").to_string()
            };
            format!("\t{}: {value}", canonical(k.as_str()))
        })
        .collect();
    if let Some(a) = authorization
        && !headers.contains_key(http::header::AUTHORIZATION)
    {
        lines.push(format!("\tAuthorization: {a}"));
    }
    lines.sort();
    lines.join("\n")
}

/// `Bearer <masked>`: the scheme stays, the secret does not.
fn mask(value: &str) -> String {
    match value.split_once(' ') {
        Some((scheme, _)) => format!("{scheme} <masked>"),
        None => "<masked>".to_string(),
    }
}

/// `content-type` → `Content-Type`, as Go prints header names.
fn canonical(name: &str) -> String {
    name.split('-')
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn is_streaming(uri: &http::Uri) -> bool {
    uri.query().is_some_and(|q| q.split('&').any(|p| p == "watch=true" || p == "watch=1" || p == "follow=true"))
}

type ResponseBody = UnsyncBoxBody<Bytes, BoxError>;

impl<S, B> Service<Request<Body>> for Verbose<S>
where
    S: Service<Request<Body>, Response = Response<B>> + Send,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    B: hyper::body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    type Response = Response<ResponseBody>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let cfg = self.cfg.clone();
        let method = req.method().clone();
        let url = match req.uri().scheme() {
            Some(_) => req.uri().to_string(),
            None => format!("{}{}", cfg.base.trim_end_matches('/'), req.uri()),
        };
        let streaming = is_streaming(req.uri());
        if cfg.level >= 7 {
            tracing::info!(target: "kx::http", "\"Request\" verb={} url={} headers=<\n{}\n >", quote(method.as_str()), quote(&url), format_headers(req.headers(), cfg.authorization.as_deref()));
        }
        let body_copy = if cfg.level >= 8 { req.body().try_clone() } else { None };
        let started = Instant::now();
        let fut = self.inner.call(req);
        Box::pin(async move {
            if let Some(b) = body_copy
                && let Ok(bytes) = b.collect_bytes().await
                && !bytes.is_empty()
            {
                tracing::info!(target: "kx::http", "\"Request Body\" body={}", quote(&truncate_body(&String::from_utf8_lossy(&bytes), cfg.level)));
            }
            let resp = fut.await.map_err(Into::into)?;
            let ms = started.elapsed().as_millis();
            let status = resp.status();
            let reason = status.canonical_reason().unwrap_or("");
            let status = quote(&format!("{} {reason}", status.as_u16()));
            // kubectl logs the headers in the response's line from -v=7 on, without the
            // request's verb and URL.
            if cfg.level >= 7 {
                tracing::info!(target: "kx::http", "\"Response\" status={status} headers=<\n{}\n > milliseconds={ms}", format_headers(resp.headers(), None));
            } else {
                tracing::info!(target: "kx::http", "\"Response\" verb={} url={} status={status} milliseconds={ms}", quote(method.as_str()), quote(&url));
            }
            let (parts, body) = resp.into_parts();
            if cfg.level < 8 || streaming {
                return Ok(Response::from_parts(parts, body.map_err(Into::into).boxed_unsync()));
            }
            let bytes = body.collect().await.map_err(Into::into)?.to_bytes();
            tracing::info!(target: "kx::http", "\"Response Body\" body={}", quote(&truncate_body(&String::from_utf8_lossy(&bytes), cfg.level)));
            let full = http_body_util::Full::new(bytes).map_err(|never| match never {});
            Ok(Response::from_parts(parts, full.boxed_unsync()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_body_cuts_at_1024_below_level_9() {
        let long = "x".repeat(1500);
        assert_eq!(truncate_body(&long, 8), format!("{} [truncated 476 chars]", "x".repeat(1024)));
        assert_eq!(truncate_body(&long, 9), long);
        assert_eq!(truncate_body("short", 8), "short");
    }

    #[test]
    fn format_headers_masks_credentials() {
        let mut h = HeaderMap::new();
        h.insert("accept", "application/json".parse().expect("header"));
        h.insert("authorization", "Bearer secret-token".parse().expect("header"));
        assert_eq!(format_headers(&h, None), "\tAccept: application/json\n\tAuthorization: Bearer <masked>");
        let h = HeaderMap::new();
        assert_eq!(format_headers(&h, Some("Bearer <masked>")), "\tAuthorization: Bearer <masked>");
    }

    #[test]
    fn is_streaming_spots_watches_and_follows() {
        assert!(is_streaming(&"/api/v1/pods?resourceVersion=1&watch=true".parse().expect("uri")));
        assert!(!is_streaming(&"/api/v1/pods?limit=500".parse().expect("uri")));
    }
}
