//! `kx create`: objects from files, or one of the common kinds from flags, with kubectl's
//! subcommands and flags.

use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::write::{Terminal, finish, split_files};
use crate::client::create::{self, CreateOptions, DataSources, ServiceType};
use crate::client::write::{DryRun, PrintFormat};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CreateArgs {
    #[command(subcommand)]
    kind: Option<CreateKind>,
    /// Files, directories or `-` (stdin) with the objects to create.
    #[arg(short = 'f', long = "filename")]
    filename: Vec<String>,
    /// Process the directories given with -f recursively.
    #[arg(short = 'R', long)]
    recursive: bool,
    #[command(flatten)]
    common: Common,
}

/// Flags every form of `create` takes.
#[derive(Args, Debug, Clone)]
struct Common {
    /// none, client or server: only show what would be created.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "unchanged", value_name = "STRATEGY")]
    dry_run: Option<String>,
    /// Output format: name, json or yaml.
    #[arg(short = 'o', long)]
    output: Option<String>,
    /// Name of the manager used to track field ownership.
    #[arg(long)]
    field_manager: Option<String>,
    /// Record the configuration in the last-applied annotation, so `apply` can follow.
    #[arg(long)]
    save_config: bool,
    /// strict (or true), warn, ignore (or false): how the server treats unknown fields.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "strict", default_value = "strict")]
    validate: String,
}

impl Common {
    fn options(&self) -> Result<CreateOptions, ClientError> {
        Ok(CreateOptions {
            dry_run: DryRun::parse(self.dry_run.as_deref())?,
            output: PrintFormat::parse(self.output.as_deref())?,
            field_manager: self.field_manager.clone(),
            field_validation: crate::client::apply::field_validation(&self.validate)?,
            save_config: self.save_config,
        })
    }
}

#[derive(Subcommand, Debug)]
enum CreateKind {
    /// Create a deployment with the specified name.
    #[command(visible_alias = "deploy")]
    Deployment {
        name: String,
        /// Image names to run (repeatable; one container each).
        #[arg(long, required = true)]
        image: Vec<String>,
        /// Number of replicas to create.
        #[arg(short = 'r', long, default_value_t = 1)]
        replicas: i32,
        /// The containerPort this deployment exposes.
        #[arg(long, default_value_t = -1, allow_negative_numbers = true)]
        port: i32,
        /// The command to run in the container (after `--`).
        #[arg(last = true)]
        command: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Create a namespace with the specified name.
    #[command(visible_alias = "ns")]
    Namespace {
        name: String,
        #[command(flatten)]
        common: Common,
    },
    /// Create a config map from a local file, directory or literal value.
    #[command(visible_alias = "cm")]
    Configmap {
        name: String,
        #[command(flatten)]
        sources: Sources,
        #[command(flatten)]
        common: Common,
    },
    /// Create a secret.
    Secret {
        #[command(subcommand)]
        kind: SecretKind,
    },
    /// Create a service.
    #[command(visible_alias = "svc")]
    Service {
        #[command(subcommand)]
        kind: ServiceKind,
    },
    /// Create a job with the specified name.
    Job {
        name: String,
        /// Image name to run.
        #[arg(long)]
        image: Option<String>,
        /// The resource to create a job from (only cronjob/NAME).
        #[arg(long)]
        from: Option<String>,
        /// The command to run in the container (after `--`).
        #[arg(last = true)]
        command: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Args, Debug, Clone)]
struct Sources {
    /// key=value pairs.
    #[arg(long)]
    from_literal: Vec<String>,
    /// Files or directories, optionally as key=path.
    #[arg(long)]
    from_file: Vec<String>,
    /// Files of key=value lines.
    #[arg(long)]
    from_env_file: Vec<String>,
}

impl Sources {
    fn data(&self) -> DataSources {
        DataSources {
            literals: self.from_literal.clone(),
            files: self.from_file.clone(),
            env_files: self.from_env_file.clone(),
        }
    }
}

#[derive(Subcommand, Debug)]
enum SecretKind {
    /// Create a secret from a local file, directory, or literal value.
    Generic {
        name: String,
        #[command(flatten)]
        sources: Sources,
        /// The type of secret to create.
        #[arg(long = "type")]
        ty: Option<String>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Args, Debug)]
struct ServiceFlags {
    name: String,
    /// Port pairs PORT[:TARGET_PORT] (repeatable, or comma-separated).
    #[arg(long, value_delimiter = ',')]
    tcp: Vec<String>,
    #[command(flatten)]
    common: Common,
}

#[derive(Subcommand, Debug)]
enum ServiceKind {
    /// Create a ClusterIP service.
    Clusterip {
        #[command(flatten)]
        flags: ServiceFlags,
        /// Assign your own ClusterIP or set to 'None' for a 'headless' service.
        #[arg(long)]
        clusterip: Option<String>,
    },
    /// Create a NodePort service.
    Nodeport {
        #[command(flatten)]
        flags: ServiceFlags,
        /// Port used to expose the service on each node in a cluster.
        #[arg(long, default_value_t = 0)]
        node_port: i32,
    },
    /// Create a LoadBalancer service.
    Loadbalancer {
        #[command(flatten)]
        flags: ServiceFlags,
    },
    /// Create an ExternalName service.
    Externalname {
        #[command(flatten)]
        flags: ServiceFlags,
        /// External name of the service.
        #[arg(long)]
        external_name: Option<String>,
    },
}

pub async fn run(session: &Session, a: CreateArgs) -> Result<ExitCode, ClientError> {
    // Generated objects name their namespace only when -n was given, as kubectl's do.
    let ns = session.conn.namespace_explicit.then(|| session.namespace().to_string());
    let ns = ns.as_deref();
    let (object, common) = match a.kind {
        None => {
            let opts = a.common.options()?;
            let errors =
                create::create_from_files(session, &split_files(&a.filename), a.recursive, &opts, &mut Terminal)
                    .await?;
            return Ok(finish(&errors));
        }
        Some(CreateKind::Deployment { name, image, replicas, port, command, common }) => {
            (create::deployment(&name, ns, &image, replicas, port, &command)?, common)
        }
        Some(CreateKind::Namespace { name, common }) => (create::namespace(&name), common),
        Some(CreateKind::Configmap { name, sources, common }) => {
            (create::configmap(&name, ns, &sources.data())?, common)
        }
        Some(CreateKind::Secret { kind: SecretKind::Generic { name, sources, ty, common } }) => {
            (create::secret_generic(&name, ns, &sources.data(), ty.as_deref())?, common)
        }
        Some(CreateKind::Service { kind }) => {
            let (ty, flags, cluster_ip, node_port, external) = match kind {
                ServiceKind::Clusterip { flags, clusterip } => (ServiceType::ClusterIp, flags, clusterip, 0, None),
                ServiceKind::Nodeport { flags, node_port } => (ServiceType::NodePort, flags, None, node_port, None),
                ServiceKind::Loadbalancer { flags } => (ServiceType::LoadBalancer, flags, None, 0, None),
                ServiceKind::Externalname { flags, external_name } => {
                    (ServiceType::ExternalName, flags, None, 0, external_name)
                }
            };
            let svc = create::service(
                ty,
                &flags.name,
                ns,
                &flags.tcp,
                cluster_ip.as_deref(),
                node_port,
                external.as_deref(),
            )?;
            (svc, flags.common)
        }
        Some(CreateKind::Job { name, image, from, command, common }) => {
            let job = match (image, from) {
                (Some(_), Some(_)) => {
                    return Err(ClientError::Usage("either --image or --from must be specified".into()));
                }
                (Some(image), None) => create::job(&name, ns, &image, &command),
                (None, Some(from)) => {
                    let cronjob = create::fetch_cronjob(session, &from).await?;
                    create::job_from_cronjob(&name, ns, &cronjob)
                }
                (None, None) => return Err(ClientError::Usage("either --image or --from must be specified".into())),
            };
            (job, common)
        }
    };
    let opts = common.options()?;
    let errors = create::create_generated(session, object, &opts, &mut Terminal).await?;
    Ok(finish(&errors))
}
