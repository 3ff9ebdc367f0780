# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kx_global_optspecs
    string join \n kubeconfig= context= cluster= user= n/namespace= s/server= token= insecure-skip-tls-verify certificate-authority= request-timeout= v/v= embedded readonly theme= embedded-nodes= embedded-runtime= h/help V/version
end

function __fish_kx_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kx_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kx_using_subcommand
    set -l cmd (__fish_kx_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kx -n "__fish_kx_needs_command" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_needs_command" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_needs_command" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_needs_command" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_needs_command" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_needs_command" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_needs_command" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_needs_command" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_needs_command" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_needs_command" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_needs_command" -l theme -d 'Colour theme: dark, light, high-contrast, or a theme file\'s name in the config dir' -r
complete -c kx -n "__fish_kx_needs_command" -l embedded-nodes -d 'Simulated nodes of the embedded cluster (1-3)' -r
complete -c kx -n "__fish_kx_needs_command" -l embedded-runtime -d 'Container runtime of the embedded cluster: `process` runs the demo\'s shell loops so logs and shells are real; `sim` runs no host code' -r
complete -c kx -n "__fish_kx_needs_command" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_needs_command" -l embedded -d 'Run an in-process cluster seeded with a demo app instead of connecting (the default when there is no kubeconfig)'
complete -c kx -n "__fish_kx_needs_command" -l readonly -d 'Refuse every change (delete, edit, scale, restart, undo, shell)'
complete -c kx -n "__fish_kx_needs_command" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_needs_command" -s V -l version -d 'Print version'
complete -c kx -n "__fish_kx_needs_command" -f -a "get" -d 'Display one or many resources'
complete -c kx -n "__fish_kx_needs_command" -f -a "describe" -d 'Show details of a specific resource or group of resources'
complete -c kx -n "__fish_kx_needs_command" -f -a "api-resources" -d 'Print the supported API resources on the server'
complete -c kx -n "__fish_kx_needs_command" -f -a "api-versions" -d 'Print the supported API versions on the server, as "group/version"'
complete -c kx -n "__fish_kx_needs_command" -f -a "version" -d 'Print the client and server version information'
complete -c kx -n "__fish_kx_needs_command" -f -a "cluster-info" -d 'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true'
complete -c kx -n "__fish_kx_needs_command" -f -a "cluster" -d 'Run and manage the embedded cluster'
complete -c kx -n "__fish_kx_needs_command" -f -a "apply" -d 'Apply a configuration to a resource by file name or stdin'
complete -c kx -n "__fish_kx_needs_command" -f -a "create" -d 'Create a resource from a file or from stdin, or one of the common kinds from flags'
complete -c kx -n "__fish_kx_needs_command" -f -a "delete" -d 'Delete resources by file names, stdin, resources and names, or by resources and label selector'
complete -c kx -n "__fish_kx_needs_command" -f -a "diff" -d 'Diff the live version against a would-be applied version'
complete -c kx -n "__fish_kx_needs_command" -f -a "edit" -d 'Edit a resource on the server with your editor'
complete -c kx -n "__fish_kx_needs_command" -f -a "label" -d 'Update the labels on a resource'
complete -c kx -n "__fish_kx_needs_command" -f -a "annotate" -d 'Update the annotations on a resource'
complete -c kx -n "__fish_kx_needs_command" -f -a "patch" -d 'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch'
complete -c kx -n "__fish_kx_needs_command" -f -a "scale" -d 'Set a new size for a deployment, replica set, replication controller, or stateful set'
complete -c kx -n "__fish_kx_needs_command" -f -a "set" -d 'Set specific features on objects'
complete -c kx -n "__fish_kx_needs_command" -f -a "logs" -d 'Print the logs for a container in a pod'
complete -c kx -n "__fish_kx_needs_command" -f -a "exec" -d 'Execute a command in a container'
complete -c kx -n "__fish_kx_needs_command" -f -a "port-forward" -d 'Forward one or more local ports to a pod'
complete -c kx -n "__fish_kx_needs_command" -f -a "rollout" -d 'Manage the rollout of deployments, statefulsets and daemonsets'
complete -c kx -n "__fish_kx_needs_command" -f -a "ns" -d 'Switch or list namespaces of the current context (kubens)'
complete -c kx -n "__fish_kx_needs_command" -f -a "ctx" -d 'Switch or list contexts (kubectx)'
complete -c kx -n "__fish_kx_needs_command" -f -a "config" -d 'Modify kubeconfig files'
complete -c kx -n "__fish_kx_needs_command" -f -a "explain" -d 'Get documentation for a resource'
complete -c kx -n "__fish_kx_needs_command" -f -a "theme" -d 'List the TUI\'s colour themes, or import a k9s skin as one'
complete -c kx -n "__fish_kx_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c kx -n "__fish_kx_needs_command" -f -a "man" -d 'Write a man page per command into DIR, or print kx\'s own page'
complete -c kx -n "__fish_kx_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand get" -s l -l selector -d 'Label selector (e.g. -l app=web,tier!=db)' -r
complete -c kx -n "__fish_kx_using_subcommand get" -l field-selector -d 'Field selector (e.g. --field-selector status.phase=Running)' -r
complete -c kx -n "__fish_kx_using_subcommand get" -s o -l output -d 'Output format: wide, name, json, yaml, jsonpath=…, jsonpath-file=…, jsonpath-as-json=…, custom-columns=…, custom-columns-file=…' -r
complete -c kx -n "__fish_kx_using_subcommand get" -l template -d 'Template for -o jsonpath (same as -o jsonpath=TEMPLATE)' -r
complete -c kx -n "__fish_kx_using_subcommand get" -l sort-by -d 'Sort rows or items by the value of this JSONPath (e.g. .metadata.name)' -r
complete -c kx -n "__fish_kx_using_subcommand get" -l allow-missing-template-keys -d 'If false, a missing key in a JSONPath template is an error' -r -f -a "true\t''
false\t''"
complete -c kx -n "__fish_kx_using_subcommand get" -s L -l label-columns -d 'Labels to show as columns (-L app,tier)' -r
complete -c kx -n "__fish_kx_using_subcommand get" -l chunk-size -d 'Fetch large lists in chunks of this size (0 disables chunking)' -r
complete -c kx -n "__fish_kx_using_subcommand get" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand get" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand get" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand get" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand get" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand get" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand get" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand get" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand get" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand get" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand get" -s A -l all-namespaces -d 'List across all namespaces'
complete -c kx -n "__fish_kx_using_subcommand get" -l show-labels -d 'Show all labels as the last column'
complete -c kx -n "__fish_kx_using_subcommand get" -l no-headers -d 'Do not print headers'
complete -c kx -n "__fish_kx_using_subcommand get" -l ignore-not-found -d 'Treat "resource not found" as a successful retrieval'
complete -c kx -n "__fish_kx_using_subcommand get" -l show-kind -d 'Always show the resource type with names'
complete -c kx -n "__fish_kx_using_subcommand get" -l show-managed-fields -d 'If true, keep the managedFields when printing objects in JSON or YAML format'
complete -c kx -n "__fish_kx_using_subcommand get" -s w -l watch -d 'After listing, watch for changes'
complete -c kx -n "__fish_kx_using_subcommand get" -l watch-only -d 'Watch for changes without listing first'
complete -c kx -n "__fish_kx_using_subcommand get" -l output-watch-events -d 'With --watch, add an EVENT column (ADDED, MODIFIED, DELETED)'
complete -c kx -n "__fish_kx_using_subcommand get" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand get" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand describe" -s l -l selector -d 'Label selector (e.g. -l app=web)' -r
complete -c kx -n "__fish_kx_using_subcommand describe" -l show-events -d 'If false, leave out the events' -r -f -a "true\t''
false\t''"
complete -c kx -n "__fish_kx_using_subcommand describe" -l chunk-size -d 'Fetch large lists in chunks of this size (0 disables chunking)' -r
complete -c kx -n "__fish_kx_using_subcommand describe" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand describe" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand describe" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand describe" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand describe" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand describe" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand describe" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand describe" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand describe" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand describe" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand describe" -s A -l all-namespaces -d 'Describe across all namespaces'
complete -c kx -n "__fish_kx_using_subcommand describe" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand describe" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l namespaced -d 'If given, only namespaced (true) or only cluster-scoped (false) resources' -r -f -a "true\t''
false\t''"
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l api-group -d 'Only resources in this API group (use "" for the core group)' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l verbs -d 'Only resources that support these verbs (e.g. --verbs=list,get)' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l categories -d 'Only resources in these categories (e.g. --categories=all)' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -s o -l output -d 'Output format: wide or name' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l sort-by -d 'Sort by name or kind' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l no-headers -d 'Do not print headers'
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l cached -d 'Use the cached discovery (accepted for compatibility; kx always asks the server)'
complete -c kx -n "__fish_kx_using_subcommand api-resources" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand api-resources" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand api-versions" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand api-versions" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand api-versions" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand api-versions" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand api-versions" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand api-versions" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand api-versions" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand api-versions" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand api-versions" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand api-versions" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand api-versions" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand api-versions" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand version" -l client -d 'Only the client version (no server needed)' -r -f -a "true\t''
false\t''"
complete -c kx -n "__fish_kx_using_subcommand version" -s o -l output -d 'Output format: json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand version" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand version" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand version" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand version" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand version" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand version" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand version" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand version" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand version" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand version" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand version" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand version" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand cluster-info" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -f -a "up" -d 'Start the control plane (in the foreground unless --detach); Ctrl-C stops it'
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -f -a "down" -d 'Stop a cluster started with --detach'
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -f -a "status" -d 'Show whether the cluster runs, where, and what it holds'
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -f -a "reset" -d 'Stop the cluster and delete all its state'
complete -c kx -n "__fish_kx_using_subcommand cluster; and not __fish_seen_subcommand_from up down status reset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l name -d 'Cluster name; also the kubeconfig context, cluster and user name' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l data-dir -d 'Where the cluster keeps its state [default: the user data dir, kx/clusters/NAME]' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l port -d 'Port for the HTTPS API; 0 picks a free one' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l bind-address -d 'Address to listen on. Non-loopback addresses need --allow-remote' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l nodes -d 'Simulated nodes to run; with more than one, the control-plane node is tainted' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l runtime -d 'Container runtime of the nodes: `sim` runs no host code; `process` runs containers\' commands as local processes (as your user, on this machine), so logs and exec are real' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l load-balancer-pool -d 'Addresses for LoadBalancer Services, as MetalLB\'s address pools: a CIDR (`192.168.1.240/28`) or a range (`192.168.1.240-192.168.1.250`); repeatable. Default 172.18.255.200-172.18.255.250' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l allow-remote -d 'Allow listening on a non-loopback address'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l memory -d 'Keep state in memory only (nothing is written to the data dir but credentials)'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -s d -l detach -d 'Run in the background; `kx cluster down` stops it'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -l name -d 'Cluster name; also the kubeconfig context, cluster and user name' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -l data-dir -d 'Where the cluster keeps its state [default: the user data dir, kx/clusters/NAME]' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -l name -d 'Cluster name; also the kubeconfig context, cluster and user name' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -l data-dir -d 'Where the cluster keeps its state [default: the user data dir, kx/clusters/NAME]' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l name -d 'Cluster name; also the kubeconfig context, cluster and user name' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l data-dir -d 'Where the cluster keeps its state [default: the user data dir, kx/clusters/NAME]' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s y -l yes -d 'Do not ask for confirmation'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "up" -d 'Start the control plane (in the foreground unless --detach); Ctrl-C stops it'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop a cluster started with --detach'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show whether the cluster runs, where, and what it holds'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Stop the cluster and delete all its state'
complete -c kx -n "__fish_kx_using_subcommand cluster; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand apply" -s f -l filename -d 'The files, directories or `-` (stdin) that contain the configuration to apply' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -l dry-run -d 'none, client or server: only show what would be applied' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -l validate -d 'strict (or true), warn, ignore (or false): how the server treats unknown fields' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -s l -l selector -d 'Only apply (and prune) objects matching this label selector' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -l prune-allowlist -d 'group/version/kind types to prune (core/v1/ConfigMap); kubectl\'s default set otherwise' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -l overwrite -d 'Let the manifest win over changes made on the server since the last apply' -r -f -a "true\t''
false\t''"
complete -c kx -n "__fish_kx_using_subcommand apply" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand apply" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand apply" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand apply" -s R -l recursive -d 'Process the directories given with -f recursively'
complete -c kx -n "__fish_kx_using_subcommand apply" -l server-side -d 'Apply on the server (server-side apply) instead of in the client'
complete -c kx -n "__fish_kx_using_subcommand apply" -l force-conflicts -d 'With --server-side, take ownership of fields other managers hold'
complete -c kx -n "__fish_kx_using_subcommand apply" -l prune -d 'Delete objects that are not in the manifests (needs -l or --all)'
complete -c kx -n "__fish_kx_using_subcommand apply" -l all -d 'With --prune, select all objects of the prune types'
complete -c kx -n "__fish_kx_using_subcommand apply" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand apply" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -s f -l filename -d 'Files, directories or `-` (stdin) with the objects to create' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l dry-run -d 'none, client or server: only show what would be created' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l validate -d 'strict (or true), warn, ignore (or false): how the server treats unknown fields' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -s R -l recursive -d 'Process the directories given with -f recursively'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l save-config -d 'Record the configuration in the last-applied annotation, so `apply` can follow'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "deployment" -d 'Create a deployment with the specified name'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "deploy" -d 'Create a deployment with the specified name'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "namespace" -d 'Create a namespace with the specified name'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "ns" -d 'Create a namespace with the specified name'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "configmap" -d 'Create a config map from a local file, directory or literal value'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "cm" -d 'Create a config map from a local file, directory or literal value'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "secret" -d 'Create a secret'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "service" -d 'Create a service'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "svc" -d 'Create a service'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "job" -d 'Create a job with the specified name'
complete -c kx -n "__fish_kx_using_subcommand create; and not __fish_seen_subcommand_from deployment deploy namespace ns configmap cm secret service svc job help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l image -d 'Image names to run (repeatable; one container each)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -s r -l replicas -d 'Number of replicas to create' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l port -d 'The containerPort this deployment exposes' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l dry-run -d 'none, client or server: only show what would be created' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l validate -d 'strict (or true), warn, ignore (or false): how the server treats unknown fields' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l save-config -d 'Record the configuration in the last-applied annotation, so `apply` can follow'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deployment" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l image -d 'Image names to run (repeatable; one container each)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -s r -l replicas -d 'Number of replicas to create' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l port -d 'The containerPort this deployment exposes' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l dry-run -d 'none, client or server: only show what would be created' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l validate -d 'strict (or true), warn, ignore (or false): how the server treats unknown fields' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l save-config -d 'Record the configuration in the last-applied annotation, so `apply` can follow'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from deploy" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l dry-run -d 'none, client or server: only show what would be created' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l validate -d 'strict (or true), warn, ignore (or false): how the server treats unknown fields' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l save-config -d 'Record the configuration in the last-applied annotation, so `apply` can follow'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from namespace" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l dry-run -d 'none, client or server: only show what would be created' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l validate -d 'strict (or true), warn, ignore (or false): how the server treats unknown fields' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l save-config -d 'Record the configuration in the last-applied annotation, so `apply` can follow'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from ns" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l from-literal -d 'key=value pairs' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l from-file -d 'Files or directories, optionally as key=path' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l from-env-file -d 'Files of key=value lines' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l dry-run -d 'none, client or server: only show what would be created' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l validate -d 'strict (or true), warn, ignore (or false): how the server treats unknown fields' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l save-config -d 'Record the configuration in the last-applied annotation, so `apply` can follow'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from configmap" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l from-literal -d 'key=value pairs' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l from-file -d 'Files or directories, optionally as key=path' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l from-env-file -d 'Files of key=value lines' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l dry-run -d 'none, client or server: only show what would be created' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l validate -d 'strict (or true), warn, ignore (or false): how the server treats unknown fields' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l save-config -d 'Record the configuration in the last-applied annotation, so `apply` can follow'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from cm" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "generic" -d 'Create a secret from a local file, directory, or literal value'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from secret" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -f -a "clusterip" -d 'Create a ClusterIP service'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -f -a "nodeport" -d 'Create a NodePort service'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -f -a "loadbalancer" -d 'Create a LoadBalancer service'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -f -a "externalname" -d 'Create an ExternalName service'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from service" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -f -a "clusterip" -d 'Create a ClusterIP service'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -f -a "nodeport" -d 'Create a NodePort service'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -f -a "loadbalancer" -d 'Create a LoadBalancer service'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -f -a "externalname" -d 'Create an ExternalName service'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from svc" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l image -d 'Image name to run' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l from -d 'The resource to create a job from (only cronjob/NAME)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l dry-run -d 'none, client or server: only show what would be created' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l validate -d 'strict (or true), warn, ignore (or false): how the server treats unknown fields' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l save-config -d 'Record the configuration in the last-applied annotation, so `apply` can follow'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from job" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "deployment" -d 'Create a deployment with the specified name'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "namespace" -d 'Create a namespace with the specified name'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "configmap" -d 'Create a config map from a local file, directory or literal value'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "secret" -d 'Create a secret'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "service" -d 'Create a service'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "job" -d 'Create a job with the specified name'
complete -c kx -n "__fish_kx_using_subcommand create; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand delete" -s f -l filename -d 'Files, directories or `-` (stdin) naming the objects to delete' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -s l -l selector -d 'Delete the objects matching this label selector' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -l field-selector -d 'Delete the objects matching this field selector' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -l cascade -d 'background, foreground or orphan: what happens to dependents' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -l grace-period -d 'Seconds the object has to terminate; negative uses its default; 0 only with --force' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -l wait -d 'Wait for the objects to be gone before returning' -r -f -a "true\t''
false\t''"
complete -c kx -n "__fish_kx_using_subcommand delete" -l timeout -d 'How long to wait (0 waits a week)' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -l ignore-not-found -d 'Treat "not found" as success' -r -f -a "true\t''
false\t''"
complete -c kx -n "__fish_kx_using_subcommand delete" -l dry-run -d 'none, client or server' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -s o -l output -d 'Output format: only `name`' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand delete" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand delete" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand delete" -s R -l recursive -d 'Process the directories given with -f recursively'
complete -c kx -n "__fish_kx_using_subcommand delete" -l all -d 'Delete all objects of the given types in the namespace'
complete -c kx -n "__fish_kx_using_subcommand delete" -s A -l all-namespaces -d 'With -l/--all, act in all namespaces'
complete -c kx -n "__fish_kx_using_subcommand delete" -l force -d 'Delete immediately, without waiting for confirmation that the resource has terminated'
complete -c kx -n "__fish_kx_using_subcommand delete" -l now -d 'Signal resources for immediate shutdown (grace period 1)'
complete -c kx -n "__fish_kx_using_subcommand delete" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand delete" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand diff" -s f -l filename -d 'Files, directories or `-` (stdin) with the configuration to compare' -r
complete -c kx -n "__fish_kx_using_subcommand diff" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand diff" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand diff" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand diff" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand diff" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand diff" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand diff" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand diff" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand diff" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand diff" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand diff" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand diff" -s R -l recursive -d 'Process the directories given with -f recursively'
complete -c kx -n "__fish_kx_using_subcommand diff" -l server-side -d 'Compare with what server-side apply would produce'
complete -c kx -n "__fish_kx_using_subcommand diff" -l force-conflicts -d 'With --server-side, take ownership of fields other managers hold'
complete -c kx -n "__fish_kx_using_subcommand diff" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand diff" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand edit" -s f -l filename -d 'Files naming the objects to edit' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -s l -l selector -d 'Edit the objects matching this label selector' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -s o -l output -d 'yaml (default) or json' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -l validate -d 'strict (or true), warn, ignore (or false): how the server treats unknown fields' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand edit" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand edit" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand edit" -s R -l recursive -d 'Process the directories given with -f recursively'
complete -c kx -n "__fish_kx_using_subcommand edit" -l output-patch -d 'Print the patch sent for each object'
complete -c kx -n "__fish_kx_using_subcommand edit" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand edit" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand label" -s f -l filename -d 'Files naming the objects to change' -r
complete -c kx -n "__fish_kx_using_subcommand label" -s l -l selector -d 'Change the objects matching this label selector' -r
complete -c kx -n "__fish_kx_using_subcommand label" -l field-selector -d 'Change the objects matching this field selector' -r
complete -c kx -n "__fish_kx_using_subcommand label" -l resource-version -d 'Only change the object if its resourceVersion is this one' -r
complete -c kx -n "__fish_kx_using_subcommand label" -l dry-run -d 'none, client or server' -r
complete -c kx -n "__fish_kx_using_subcommand label" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand label" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand label" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand label" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand label" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand label" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand label" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand label" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand label" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand label" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand label" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand label" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand label" -s R -l recursive -d 'Process the directories given with -f recursively'
complete -c kx -n "__fish_kx_using_subcommand label" -l all -d 'Change all objects of the given types in the namespace'
complete -c kx -n "__fish_kx_using_subcommand label" -s A -l all-namespaces -d 'With -l/--all, act in all namespaces'
complete -c kx -n "__fish_kx_using_subcommand label" -l overwrite -d 'Allow replacing existing values'
complete -c kx -n "__fish_kx_using_subcommand label" -l list -d 'Print the current values instead of changing them'
complete -c kx -n "__fish_kx_using_subcommand label" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand label" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand annotate" -s f -l filename -d 'Files naming the objects to change' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -s l -l selector -d 'Change the objects matching this label selector' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -l field-selector -d 'Change the objects matching this field selector' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -l resource-version -d 'Only change the object if its resourceVersion is this one' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -l dry-run -d 'none, client or server' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand annotate" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand annotate" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand annotate" -s R -l recursive -d 'Process the directories given with -f recursively'
complete -c kx -n "__fish_kx_using_subcommand annotate" -l all -d 'Change all objects of the given types in the namespace'
complete -c kx -n "__fish_kx_using_subcommand annotate" -s A -l all-namespaces -d 'With -l/--all, act in all namespaces'
complete -c kx -n "__fish_kx_using_subcommand annotate" -l overwrite -d 'Allow replacing existing values'
complete -c kx -n "__fish_kx_using_subcommand annotate" -l list -d 'Print the current values instead of changing them'
complete -c kx -n "__fish_kx_using_subcommand annotate" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand annotate" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand patch" -s f -l filename -d 'Files naming the objects to patch' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -s p -l patch -d 'The patch, as JSON or YAML' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l patch-file -d 'A file holding the patch' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l type -d 'strategic (default), merge or json' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l subresource -d 'Patch this subresource (status, scale)' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l dry-run -d 'none, client or server' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand patch" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand patch" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand patch" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand patch" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand scale" -s f -l filename -d 'Files naming the objects to scale' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -l replicas -d 'The new number of replicas' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -l current-replicas -d 'Precondition: the current number of replicas (-1 for none)' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -l resource-version -d 'Precondition: the resourceVersion of the scale' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -s l -l selector -d 'Scale the objects matching this label selector' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -l dry-run -d 'none, client or server' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -s o -l output -d 'Output format: only `name`' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand scale" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand scale" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand scale" -l all -d 'Scale all objects of the given types in the namespace'
complete -c kx -n "__fish_kx_using_subcommand scale" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand scale" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -f -a "image" -d 'Update the images of containers in a pod template'
complete -c kx -n "__fish_kx_using_subcommand set; and not __fish_seen_subcommand_from image help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -s f -l filename -d 'Files naming the objects to change' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -s l -l selector -d 'Change the objects matching this label selector' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l dry-run -d 'none, client or server' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -s o -l output -d 'Output format: name, json or yaml' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l field-manager -d 'Name of the manager used to track field ownership' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l all -d 'Change all objects of the given types in the namespace'
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from image" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from help" -f -a "image" -d 'Update the images of containers in a pod template'
complete -c kx -n "__fish_kx_using_subcommand set; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand logs" -s c -l container -d 'Print the logs of this container' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -l tail -d 'Lines of recent log to show (-1 for all; 10 with a selector)' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -l since -d 'Only logs newer than this duration (e.g. 5s, 2m, 3h)' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -l since-time -d 'Only logs after this time (RFC 3339)' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -s l -l selector -d 'Select pods by label' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -l max-log-requests -d 'Maximum concurrent streams with a selector and --follow' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -l limit-bytes -d 'Maximum bytes of logs to return' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand logs" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand logs" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand logs" -s f -l follow -d 'Stream the logs'
complete -c kx -n "__fish_kx_using_subcommand logs" -l timestamps -d 'Include timestamps on each line'
complete -c kx -n "__fish_kx_using_subcommand logs" -s p -l previous -d 'The previous terminated container\'s logs'
complete -c kx -n "__fish_kx_using_subcommand logs" -l all-containers -d 'Every container of the pods'
complete -c kx -n "__fish_kx_using_subcommand logs" -l prefix -d 'Prefix each line with its source ([pod/NAME/CONTAINER])'
complete -c kx -n "__fish_kx_using_subcommand logs" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand logs" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand exec" -s c -l container -d 'Container name (default: the default-container annotation, else the first)' -r
complete -c kx -n "__fish_kx_using_subcommand exec" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand exec" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand exec" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand exec" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand exec" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand exec" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand exec" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand exec" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand exec" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand exec" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand exec" -s i -l stdin -d 'Pass stdin to the container'
complete -c kx -n "__fish_kx_using_subcommand exec" -s t -l tty -d 'Stdin is a TTY'
complete -c kx -n "__fish_kx_using_subcommand exec" -s q -l quiet -d 'Only print output from the remote session'
complete -c kx -n "__fish_kx_using_subcommand exec" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand exec" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand port-forward" -l address -d 'Addresses to listen on (comma separated): IP addresses or localhost, which binds 127.0.0.1 and ::1 and fails only if neither can be bound' -r
complete -c kx -n "__fish_kx_using_subcommand port-forward" -l pod-running-timeout -d 'How long to wait for a workload\'s or service\'s pod to be running (e.g. 5s, 2m)' -r
complete -c kx -n "__fish_kx_using_subcommand port-forward" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand port-forward" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand port-forward" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand port-forward" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand port-forward" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand port-forward" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand port-forward" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand port-forward" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand port-forward" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand port-forward" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand port-forward" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand port-forward" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -f -a "status" -d 'Show the status of the rollout'
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -f -a "history" -d 'View rollout history'
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -f -a "undo" -d 'Undo a previous rollout'
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -f -a "restart" -d 'Restart a resource'
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -f -a "pause" -d 'Mark the provided resource as paused'
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -f -a "resume" -d 'Resume a paused resource'
complete -c kx -n "__fish_kx_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart pause resume help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -s w -l watch -d 'Watch the status of the rollout until it\'s done' -r -f -a "true\t''
false\t''"
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -l revision -d 'Pin to a specific revision for showing its status (0: the latest)' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -l timeout -d 'How long to wait before giving up (0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -l revision -d 'Show the details, including the pod template, of this revision' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l to-revision -d 'The revision to roll back to (0: the previous one)' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from undo" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the status of the rollout'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "history" -d 'View rollout history'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "undo" -d 'Undo a previous rollout'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart a resource'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Mark the provided resource as paused'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Resume a paused resource'
complete -c kx -n "__fish_kx_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand ns" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand ns" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand ns" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand ns" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand ns" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand ns" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand ns" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand ns" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand ns" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand ns" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand ns" -s c -l current -d 'Print the current namespace'
complete -c kx -n "__fish_kx_using_subcommand ns" -s u -l unset -d 'Go back to the context\'s default namespace'
complete -c kx -n "__fish_kx_using_subcommand ns" -s f -l force -d 'Switch even if the namespace does not exist (or the cluster cannot be reached)'
complete -c kx -n "__fish_kx_using_subcommand ns" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand ns" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand ctx" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand ctx" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand ctx" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand ctx" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand ctx" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand ctx" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand ctx" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand ctx" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand ctx" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand ctx" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand ctx" -s c -l current -d 'Print the current context'
complete -c kx -n "__fish_kx_using_subcommand ctx" -s u -l unset -d 'Unset the current context'
complete -c kx -n "__fish_kx_using_subcommand ctx" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand ctx" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -f -a "view" -d 'Display merged kubeconfig settings or a specified kubeconfig file'
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -f -a "get-contexts" -d 'Describe one or many contexts'
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -f -a "current-context" -d 'Display the current-context'
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -f -a "use-context" -d 'Set the current-context in a kubeconfig file'
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -f -a "use" -d 'Set the current-context in a kubeconfig file'
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -f -a "set-context" -d 'Set a context entry in kubeconfig (with --cluster, --user, --namespace)'
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -f -a "path" -d 'Print where kx keeps its files: config, themes, clusters, caches, logs'
complete -c kx -n "__fish_kx_using_subcommand config; and not __fish_seen_subcommand_from view get-contexts current-context use-context use set-context path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -s o -l output -d 'Output format: yaml (the default) or json' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l minify -d 'Remove all information not used by current-context from the output'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l raw -d 'Display raw byte data'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l flatten -d 'Flatten the resulting kubeconfig into self-contained output (implies --raw)'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from view" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s o -l output -d 'Output format: name' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l no-headers -d 'Do not print headers'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from current-context" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use-context" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -l current -d 'Modify the current context'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from set-context" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "view" -d 'Display merged kubeconfig settings or a specified kubeconfig file'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get-contexts" -d 'Describe one or many contexts'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "current-context" -d 'Display the current-context'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "use-context" -d 'Set the current-context in a kubeconfig file'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set-context" -d 'Set a context entry in kubeconfig (with --cluster, --user, --namespace)'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print where kx keeps its files: config, themes, clusters, caches, logs'
complete -c kx -n "__fish_kx_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand explain" -l recursive -d 'Print the names of all fields recursively instead of their descriptions' -r -f -a "true\t''
false\t''"
complete -c kx -n "__fish_kx_using_subcommand explain" -l api-version -d 'Use this group/version of the resource' -r
complete -c kx -n "__fish_kx_using_subcommand explain" -s o -l output -d 'Format in which to render the schema (plaintext)' -r
complete -c kx -n "__fish_kx_using_subcommand explain" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand explain" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand explain" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand explain" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand explain" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand explain" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand explain" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand explain" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand explain" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand explain" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand explain" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand explain" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -f -a "list" -d 'List built-in and user themes; `*` marks the configured default'
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -f -a "ls" -d 'List built-in and user themes; `*` marks the configured default'
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -f -a "import" -d 'Convert a k9s skin (skin.yml) into a kx theme in the user\'s themes directory'
complete -c kx -n "__fish_kx_using_subcommand theme; and not __fish_seen_subcommand_from list ls import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -l name -d 'The theme\'s name [default: the skin\'s file name without extension]' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -l force -d 'Replace an existing user theme, or shadow a built-in one, of the same name'
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from help" -f -a "list" -d 'List built-in and user themes; `*` marks the configured default'
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from help" -f -a "import" -d 'Convert a k9s skin (skin.yml) into a kx theme in the user\'s themes directory'
complete -c kx -n "__fish_kx_using_subcommand theme; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand completions" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand completions" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand completions" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand completions" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand completions" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand completions" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand completions" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand completions" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand completions" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand completions" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand completions" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand completions" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand man" -l kubeconfig -d 'Path to the kubeconfig file to use' -r -F
complete -c kx -n "__fish_kx_using_subcommand man" -l context -d 'The kubeconfig context to use' -r
complete -c kx -n "__fish_kx_using_subcommand man" -l cluster -d 'The kubeconfig cluster to use' -r
complete -c kx -n "__fish_kx_using_subcommand man" -l user -d 'The kubeconfig user to use' -r
complete -c kx -n "__fish_kx_using_subcommand man" -s n -l namespace -d 'The namespace scope for this request' -r
complete -c kx -n "__fish_kx_using_subcommand man" -s s -l server -d 'The address and port of the Kubernetes API server' -r
complete -c kx -n "__fish_kx_using_subcommand man" -l token -d 'Bearer token for authentication to the API server' -r
complete -c kx -n "__fish_kx_using_subcommand man" -l certificate-authority -d 'Path to a certificate authority file' -r -F
complete -c kx -n "__fish_kx_using_subcommand man" -l request-timeout -d 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)' -r
complete -c kx -n "__fish_kx_using_subcommand man" -s v -l v -d 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies' -r
complete -c kx -n "__fish_kx_using_subcommand man" -l insecure-skip-tls-verify -d 'Do not check the server\'s certificate (insecure)'
complete -c kx -n "__fish_kx_using_subcommand man" -s h -l help -d 'Print help'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "get" -d 'Display one or many resources'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "describe" -d 'Show details of a specific resource or group of resources'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "api-resources" -d 'Print the supported API resources on the server'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "api-versions" -d 'Print the supported API versions on the server, as "group/version"'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "version" -d 'Print the client and server version information'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "cluster-info" -d 'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "cluster" -d 'Run and manage the embedded cluster'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "apply" -d 'Apply a configuration to a resource by file name or stdin'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "create" -d 'Create a resource from a file or from stdin, or one of the common kinds from flags'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "delete" -d 'Delete resources by file names, stdin, resources and names, or by resources and label selector'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "diff" -d 'Diff the live version against a would-be applied version'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "edit" -d 'Edit a resource on the server with your editor'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "label" -d 'Update the labels on a resource'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "annotate" -d 'Update the annotations on a resource'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "patch" -d 'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "scale" -d 'Set a new size for a deployment, replica set, replication controller, or stateful set'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "set" -d 'Set specific features on objects'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "logs" -d 'Print the logs for a container in a pod'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "exec" -d 'Execute a command in a container'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "port-forward" -d 'Forward one or more local ports to a pod'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "rollout" -d 'Manage the rollout of deployments, statefulsets and daemonsets'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "ns" -d 'Switch or list namespaces of the current context (kubens)'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "ctx" -d 'Switch or list contexts (kubectx)'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "config" -d 'Modify kubeconfig files'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "explain" -d 'Get documentation for a resource'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "theme" -d 'List the TUI\'s colour themes, or import a k9s skin as one'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "man" -d 'Write a man page per command into DIR, or print kx\'s own page'
complete -c kx -n "__fish_kx_using_subcommand help; and not __fish_seen_subcommand_from get describe api-resources api-versions version cluster-info cluster apply create delete diff edit label annotate patch scale set logs exec port-forward rollout ns ctx config explain theme completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "up" -d 'Start the control plane (in the foreground unless --detach); Ctrl-C stops it'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "down" -d 'Stop a cluster started with --detach'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "status" -d 'Show whether the cluster runs, where, and what it holds'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from cluster" -f -a "reset" -d 'Stop the cluster and delete all its state'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "deployment" -d 'Create a deployment with the specified name'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "namespace" -d 'Create a namespace with the specified name'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "configmap" -d 'Create a config map from a local file, directory or literal value'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "secret" -d 'Create a secret'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "service" -d 'Create a service'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from create" -f -a "job" -d 'Create a job with the specified name'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from set" -f -a "image" -d 'Update the images of containers in a pod template'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "status" -d 'Show the status of the rollout'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "history" -d 'View rollout history'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "undo" -d 'Undo a previous rollout'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "restart" -d 'Restart a resource'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "pause" -d 'Mark the provided resource as paused'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "resume" -d 'Resume a paused resource'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "view" -d 'Display merged kubeconfig settings or a specified kubeconfig file'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get-contexts" -d 'Describe one or many contexts'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "current-context" -d 'Display the current-context'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "use-context" -d 'Set the current-context in a kubeconfig file'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set-context" -d 'Set a context entry in kubeconfig (with --cluster, --user, --namespace)'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print where kx keeps its files: config, themes, clusters, caches, logs'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from theme" -f -a "list" -d 'List built-in and user themes; `*` marks the configured default'
complete -c kx -n "__fish_kx_using_subcommand help; and __fish_seen_subcommand_from theme" -f -a "import" -d 'Convert a k9s skin (skin.yml) into a kx theme in the user\'s themes directory'

# Cluster values (resource types and names, namespaces, contexts, containers) come from
# `kx __complete`; everything else from the generated rules above.
function __kx_cluster_complete
    set -l key (commandline -cp) (date +%s)
    if test "$key" != "$__kx_cluster_key"
        set -g __kx_cluster_key $key
        set -l tokens (commandline -opc)
        # Quoted, so an empty current token is still an argument.
        set -l current (commandline -ct)
        set -g __kx_cluster_out ($tokens[1] __complete fish -- $tokens[2..-1] "$current" 2>/dev/null)
    end
    test "$__kx_cluster_out[-1]" = ":values"
end

function __kx_cluster_values
    string join \n -- $__kx_cluster_out[1..-2]
end

complete -c kx -n __kx_cluster_complete -f -a '(__kx_cluster_values)'
complete -c kx -n __kx_cluster_complete -s n -l namespace -f -r -a '(__kx_cluster_values)'
complete -c kx -n __kx_cluster_complete -l context -f -r -a '(__kx_cluster_values)'
complete -c kx -n __kx_cluster_complete -l cluster -f -r -a '(__kx_cluster_values)'
complete -c kx -n __kx_cluster_complete -l user -f -r -a '(__kx_cluster_values)'
complete -c kx -n __kx_cluster_complete -s c -l container -f -r -a '(__kx_cluster_values)'
