//! The port-forward dialog and list driven through `update()` by keys and messages, and
//! their frames snapshotted.

use crossterm::event::KeyCode;
use serde_json::{Value, json};

use super::*;
use crate::k8s::catalog;
use crate::tui::keymap::{Action, Key};
use crate::tui::msg::{Fetched, Msg, Purpose};
use crate::tui::tests::{code, ctrl, drive, key, model, pods_model, render, typed};

fn target(group: &str, plural: &str, name: &str) -> ObjRef {
    ObjRef {
        rt: catalog::lookup(group, "v1", plural).expect("built in").clone(),
        namespace: Some("default".into()),
        name: name.into(),
    }
}

fn web_pod() -> Value {
    json!({"metadata": {"name": "api-5c6b7-klmno", "namespace": "default"}, "spec": {"containers": [
        {"name": "api", "ports": [{"name": "http", "containerPort": 8080}, {"name": "grpc", "containerPort": 9090}]},
        {"name": "envoy", "ports": [{"containerPort": 15000}]}]}})
}

macro_rules! snapshot {
    ($name:expr, $model:expr) => {
        insta::with_settings!({filters => vec![(r"127\.0\.0\.1:\d+", "127.0.0.1:[port]")]}, {
            insta::assert_snapshot!($name, render(&$model).backend());
        })
    };
}

/// shift-f on the selected pod, answered with `obj`.
fn open_dialog(m: &mut Model, obj: Value) -> ObjRef {
    let cmds = drive(m, [key('F')]);
    let (target, purpose) = cmds
        .iter()
        .find_map(|c| match c {
            Cmd::Fetch { target, purpose, .. } => Some((target.clone(), purpose.clone())),
            _ => None,
        })
        .expect("shift-f fetches the object");
    assert_eq!(purpose, Purpose::PortForward);
    drive(m, [Msg::Fetched { id: 0, target: target.clone(), purpose, result: Ok(Fetched::Object(obj)) }]);
    target
}

fn dialog(m: &Model) -> &Dialog {
    match &m.overlay {
        Some(Overlay::PortForward(d)) => d,
        other => panic!("no port-forward dialog: {other:?}"),
    }
}

fn started(m: &mut Model, id: Id) {
    drive(
        m,
        [Msg::PortForward {
            id,
            target: "pod/api-5c6b7-klmno".into(),
            event: Event::Started {
                namespace: "default".into(),
                pod: "api-5c6b7-klmno".into(),
                container: Some("api".into()),
                ports: "8080:8080".into(),
                listening: vec!["127.0.0.1".into(), "::1".into()],
                warnings: vec![],
            },
        }],
    );
}

#[test]
fn declared_ports_lists_tcp_container_and_service_ports() {
    let pod = json!({"spec": {"containers": [
        {"name": "app", "ports": [{"name": "http", "containerPort": 8080}, {"containerPort": 53, "protocol": "UDP"}]},
        {"name": "side", "ports": [{"containerPort": 9090}]}]}});
    assert_eq!(
        declared_ports(&target("", "pods", "p"), &pod),
        [("app/8080 (http)".to_string(), 8080), ("side/9090".to_string(), 9090)]
    );
    let deploy =
        json!({"spec": {"template": {"spec": {"containers": [{"name": "web", "ports": [{"containerPort": 80}]}]}}}});
    assert_eq!(declared_ports(&target("apps", "deployments", "d"), &deploy), [("web/80".to_string(), 80)]);
    let svc = json!({"spec": {"ports": [{"name": "https", "port": 443, "targetPort": 8443}]}});
    assert_eq!(declared_ports(&target("", "services", "s"), &svc), [("443 (https)".to_string(), 443)]);
}

#[test]
fn target_arg_names_the_exact_type() {
    assert_eq!(target_arg(&target("", "pods", "p")), "pods/p");
    assert_eq!(target_arg(&target("apps", "deployments", "web")), "deployments.apps/web");
}

#[test]
fn port_forward_key_opens_a_dialog_prefilled_like_k9s() {
    let mut m = pods_model();
    open_dialog(&mut m, web_pod());
    let d = dialog(&m);
    assert_eq!((d.remote.as_str(), d.local.as_str(), d.address.as_str()), ("8080", "8080", "localhost"));
    assert_eq!(d.focus, Field::Remote);
    snapshot!("portforward_dialog", m);
}

#[test]
fn port_forward_dialog_enter_starts_with_the_edited_local_port() {
    let mut m = pods_model();
    let target = open_dialog(&mut m, web_pod());
    let mut msgs = vec![code(KeyCode::Tab), ctrl('u')];
    msgs.extend(typed("9000"));
    msgs.push(code(KeyCode::Enter));
    let cmds = drive(&mut m, msgs);
    assert!(m.overlay.is_none());
    let Some(Cmd::PortForward { namespace, target: shown, request, .. }) =
        cmds.iter().find(|c| matches!(c, Cmd::PortForward { .. }))
    else {
        panic!("no PortForward command in {cmds:?}");
    };
    assert_eq!(namespace, "default");
    assert_eq!(*shown, target.display());
    assert_eq!(request.target, format!("pods/{}", target.name));
    assert_eq!(request.ports, ["9000:8080"]);
    assert_eq!(request.addresses, ["localhost"]);
}

#[test]
fn port_forward_dialog_arrows_step_through_declared_ports() {
    let mut m = pods_model();
    open_dialog(&mut m, web_pod());
    drive(&mut m, [code(KeyCode::Right)]);
    assert_eq!((dialog(&m).remote.as_str(), dialog(&m).local.as_str()), ("9090", "9090"));
    drive(&mut m, [code(KeyCode::Right), code(KeyCode::Right)]);
    assert_eq!(dialog(&m).remote, "8080", "wraps around");
    drive(&mut m, [code(KeyCode::Left)]);
    assert_eq!(dialog(&m).remote, "15000");
}

#[test]
fn port_forward_dialog_refuses_a_bad_local_port_and_esc_cancels() {
    let mut m = pods_model();
    open_dialog(&mut m, web_pod());
    let mut msgs = vec![code(KeyCode::Tab)];
    msgs.extend(typed("x"));
    msgs.push(code(KeyCode::Enter));
    let cmds = drive(&mut m, msgs);
    assert!(!cmds.iter().any(|c| matches!(c, Cmd::PortForward { .. })));
    assert!(dialog(&m).error.as_deref().is_some_and(|e| e.starts_with("local port must be a number")));
    drive(&mut m, [code(KeyCode::Esc)]);
    assert!(m.overlay.is_none());
}

#[test]
fn port_forward_is_allowed_read_only_and_rebindable() {
    let mut m = pods_model();
    m.readonly = true;
    open_dialog(&mut m, web_pod());
    assert!(matches!(m.overlay, Some(Overlay::PortForward(_))), "k9s forwards in read-only mode too");

    let mut m = pods_model();
    m.config.keymap.bind(Action::PortForward, vec![Key::char('P')]);
    assert!(drive(&mut m, [key('F')]).is_empty(), "the old key is free");
    assert!(drive(&mut m, [key('P')]).iter().any(|c| matches!(c, Cmd::Fetch { purpose: Purpose::PortForward, .. })));
}

#[test]
fn port_forward_list_shows_forwards_and_ctrl_d_stops_after_confirm() {
    let mut m = pods_model();
    started(&mut m, 41);
    drive(&mut m, [Msg::PortForward { id: 41, target: "pod/api-5c6b7-klmno".into(), event: Event::Connections(2) }]);
    m.now += jiff::SignedDuration::from_secs(125);
    let mut msgs = vec![key(':')];
    msgs.extend(typed("pf"));
    msgs.push(code(KeyCode::Enter));
    drive(&mut m, msgs);
    assert!(matches!(m.top(), Some(Page::PortForwards(_))));
    assert_eq!(m.forwards[0].active, 2);
    snapshot!("portforward_list", m);

    drive(&mut m, [ctrl('d')]);
    assert!(matches!(m.overlay, Some(Overlay::Confirm(Confirm { pending: Pending::StopPortForward { id: 41 }, .. }))));
    let cmds = drive(&mut m, [key('y')]);
    assert_eq!(cmds, [Cmd::StopPortForward(41)]);
    drive(
        &mut m,
        [Msg::PortForward { id: 41, target: "pod/api-5c6b7-klmno".into(), event: Event::Ended("stopped".into()) }],
    );
    assert!(m.forwards.is_empty());
    assert!(m.flash.as_ref().is_some_and(|f| f.text.contains("ended: stopped")), "{:?}", m.flash);
}

#[test]
fn port_forward_failures_are_flashed_and_leave_no_row() {
    let mut m = model();
    drive(&mut m, [Msg::PortForward { id: 7, target: "svc/web".into(), event: Event::Failed("boom".into()) }]);
    assert!(m.forwards.is_empty());
    assert_eq!(m.flash.as_ref().map(|f| f.text.as_str()), Some("port-forward svc/web: boom"));
}
