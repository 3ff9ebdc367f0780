
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kx' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kx'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kx' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--theme', '--theme', [CompletionResultType]::ParameterName, 'Colour theme: dark, light, high-contrast, or a theme file''s name in the config dir')
            [CompletionResult]::new('--embedded-nodes', '--embedded-nodes', [CompletionResultType]::ParameterName, 'Simulated nodes of the embedded cluster (1-3)')
            [CompletionResult]::new('--embedded-runtime', '--embedded-runtime', [CompletionResultType]::ParameterName, 'Container runtime of the embedded cluster: `process` runs the demo''s shell loops so logs and shells are real; `sim` runs no host code')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('--embedded', '--embedded', [CompletionResultType]::ParameterName, 'Run an in-process cluster seeded with a demo app instead of connecting (the default when there is no kubeconfig)')
            [CompletionResult]::new('--readonly', '--readonly', [CompletionResultType]::ParameterName, 'Refuse every change (delete, edit, scale, restart, undo, shell)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Display one or many resources')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show details of a specific resource or group of resources')
            [CompletionResult]::new('api-resources', 'api-resources', [CompletionResultType]::ParameterValue, 'Print the supported API resources on the server')
            [CompletionResult]::new('api-versions', 'api-versions', [CompletionResultType]::ParameterValue, 'Print the supported API versions on the server, as "group/version"')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the client and server version information')
            [CompletionResult]::new('cluster-info', 'cluster-info', [CompletionResultType]::ParameterValue, 'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Run and manage the embedded cluster')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply a configuration to a resource by file name or stdin')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a resource from a file or from stdin, or one of the common kinds from flags')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete resources by file names, stdin, resources and names, or by resources and label selector')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Diff the live version against a would-be applied version')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a resource on the server with your editor')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Update the labels on a resource')
            [CompletionResult]::new('annotate', 'annotate', [CompletionResultType]::ParameterValue, 'Update the annotations on a resource')
            [CompletionResult]::new('patch', 'patch', [CompletionResultType]::ParameterValue, 'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Set a new size for a deployment, replica set, replication controller, or stateful set')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set specific features on objects')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the logs for a container in a pod')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Execute a command in a container')
            [CompletionResult]::new('port-forward', 'port-forward', [CompletionResultType]::ParameterValue, 'Forward one or more local ports to a pod')
            [CompletionResult]::new('rollout', 'rollout', [CompletionResultType]::ParameterValue, 'Manage the rollout of deployments, statefulsets and daemonsets')
            [CompletionResult]::new('ns', 'ns', [CompletionResultType]::ParameterValue, 'Switch or list namespaces of the current context (kubens)')
            [CompletionResult]::new('ctx', 'ctx', [CompletionResultType]::ParameterValue, 'Switch or list contexts (kubectx)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Modify kubeconfig files')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Get documentation for a resource')
            [CompletionResult]::new('theme', 'theme', [CompletionResultType]::ParameterValue, 'List the TUI''s colour themes, or import a k9s skin as one')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write a man page per command into DIR, or print kx''s own page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;get' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector (e.g. -l app=web,tier!=db)')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector (e.g. -l app=web,tier!=db)')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Field selector (e.g. --field-selector status.phase=Running)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: wide, name, json, yaml, jsonpath=…, jsonpath-file=…, jsonpath-as-json=…, custom-columns=…, custom-columns-file=…')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: wide, name, json, yaml, jsonpath=…, jsonpath-file=…, jsonpath-as-json=…, custom-columns=…, custom-columns-file=…')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Template for -o jsonpath (same as -o jsonpath=TEMPLATE)')
            [CompletionResult]::new('--sort-by', '--sort-by', [CompletionResultType]::ParameterName, 'Sort rows or items by the value of this JSONPath (e.g. .metadata.name)')
            [CompletionResult]::new('--allow-missing-template-keys', '--allow-missing-template-keys', [CompletionResultType]::ParameterName, 'If false, a missing key in a JSONPath template is an error')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Labels to show as columns (-L app,tier)')
            [CompletionResult]::new('--label-columns', '--label-columns', [CompletionResultType]::ParameterName, 'Labels to show as columns (-L app,tier)')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'Fetch large lists in chunks of this size (0 disables chunking)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'List across all namespaces')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'List across all namespaces')
            [CompletionResult]::new('--show-labels', '--show-labels', [CompletionResultType]::ParameterName, 'Show all labels as the last column')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Do not print headers')
            [CompletionResult]::new('--ignore-not-found', '--ignore-not-found', [CompletionResultType]::ParameterName, 'Treat "resource not found" as a successful retrieval')
            [CompletionResult]::new('--show-kind', '--show-kind', [CompletionResultType]::ParameterName, 'Always show the resource type with names')
            [CompletionResult]::new('--show-managed-fields', '--show-managed-fields', [CompletionResultType]::ParameterName, 'If true, keep the managedFields when printing objects in JSON or YAML format')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'After listing, watch for changes')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'After listing, watch for changes')
            [CompletionResult]::new('--watch-only', '--watch-only', [CompletionResultType]::ParameterName, 'Watch for changes without listing first')
            [CompletionResult]::new('--output-watch-events', '--output-watch-events', [CompletionResultType]::ParameterName, 'With --watch, add an EVENT column (ADDED, MODIFIED, DELETED)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;describe' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Label selector (e.g. -l app=web)')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Label selector (e.g. -l app=web)')
            [CompletionResult]::new('--show-events', '--show-events', [CompletionResultType]::ParameterName, 'If false, leave out the events')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'Fetch large lists in chunks of this size (0 disables chunking)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'Describe across all namespaces')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'Describe across all namespaces')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;api-resources' {
            [CompletionResult]::new('--namespaced', '--namespaced', [CompletionResultType]::ParameterName, 'If given, only namespaced (true) or only cluster-scoped (false) resources')
            [CompletionResult]::new('--api-group', '--api-group', [CompletionResultType]::ParameterName, 'Only resources in this API group (use "" for the core group)')
            [CompletionResult]::new('--verbs', '--verbs', [CompletionResultType]::ParameterName, 'Only resources that support these verbs (e.g. --verbs=list,get)')
            [CompletionResult]::new('--categories', '--categories', [CompletionResultType]::ParameterName, 'Only resources in these categories (e.g. --categories=all)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: wide or name')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: wide or name')
            [CompletionResult]::new('--sort-by', '--sort-by', [CompletionResultType]::ParameterName, 'Sort by name or kind')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Do not print headers')
            [CompletionResult]::new('--cached', '--cached', [CompletionResultType]::ParameterName, 'Use the cached discovery (accepted for compatibility; kx always asks the server)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;api-versions' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;version' {
            [CompletionResult]::new('--client', '--client', [CompletionResultType]::ParameterName, 'Only the client version (no server needed)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: json or yaml')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;cluster-info' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;cluster' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the control plane (in the foreground unless --detach); Ctrl-C stops it')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop a cluster started with --detach')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the cluster runs, where, and what it holds')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Stop the cluster and delete all its state')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;cluster;up' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Cluster name; also the kubeconfig context, cluster and user name')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where the cluster keeps its state [default: the user data dir, kx/clusters/NAME]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port for the HTTPS API; 0 picks a free one')
            [CompletionResult]::new('--bind-address', '--bind-address', [CompletionResultType]::ParameterName, 'Address to listen on. Non-loopback addresses need --allow-remote')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'Simulated nodes to run; with more than one, the control-plane node is tainted')
            [CompletionResult]::new('--runtime', '--runtime', [CompletionResultType]::ParameterName, 'Container runtime of the nodes: `sim` runs no host code; `process` runs containers'' commands as local processes (as your user, on this machine), so logs and exec are real')
            [CompletionResult]::new('--load-balancer-pool', '--load-balancer-pool', [CompletionResultType]::ParameterName, 'Addresses for LoadBalancer Services, as MetalLB''s address pools: a CIDR (`192.168.1.240/28`) or a range (`192.168.1.240-192.168.1.250`); repeatable. Default 172.18.255.200-172.18.255.250')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--allow-remote', '--allow-remote', [CompletionResultType]::ParameterName, 'Allow listening on a non-loopback address')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Keep state in memory only (nothing is written to the data dir but credentials)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Run in the background; `kx cluster down` stops it')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Run in the background; `kx cluster down` stops it')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;cluster;down' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Cluster name; also the kubeconfig context, cluster and user name')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where the cluster keeps its state [default: the user data dir, kx/clusters/NAME]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;cluster;status' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Cluster name; also the kubeconfig context, cluster and user name')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where the cluster keeps its state [default: the user data dir, kx/clusters/NAME]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;cluster;reset' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Cluster name; also the kubeconfig context, cluster and user name')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Where the cluster keeps its state [default: the user data dir, kx/clusters/NAME]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;cluster;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the control plane (in the foreground unless --detach); Ctrl-C stops it')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop a cluster started with --detach')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the cluster runs, where, and what it holds')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Stop the cluster and delete all its state')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;cluster;help;up' {
            break
        }
        'kx;cluster;help;down' {
            break
        }
        'kx;cluster;help;status' {
            break
        }
        'kx;cluster;help;reset' {
            break
        }
        'kx;cluster;help;help' {
            break
        }
        'kx;apply' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The files, directories or `-` (stdin) that contain the configuration to apply')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'The files, directories or `-` (stdin) that contain the configuration to apply')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be applied')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Only apply (and prune) objects matching this label selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Only apply (and prune) objects matching this label selector')
            [CompletionResult]::new('--prune-allowlist', '--prune-allowlist', [CompletionResultType]::ParameterName, 'group/version/kind types to prune (core/v1/ConfigMap); kubectl''s default set otherwise')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Let the manifest win over changes made on the server since the last apply')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--server-side', '--server-side', [CompletionResultType]::ParameterName, 'Apply on the server (server-side apply) instead of in the client')
            [CompletionResult]::new('--force-conflicts', '--force-conflicts', [CompletionResultType]::ParameterName, 'With --server-side, take ownership of fields other managers hold')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete objects that are not in the manifests (needs -l or --all)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'With --prune, select all objects of the prune types')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Files, directories or `-` (stdin) with the objects to create')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Files, directories or `-` (stdin) with the objects to create')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('deployment', 'deployment', [CompletionResultType]::ParameterValue, 'Create a deployment with the specified name')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Create a deployment with the specified name')
            [CompletionResult]::new('namespace', 'namespace', [CompletionResultType]::ParameterValue, 'Create a namespace with the specified name')
            [CompletionResult]::new('ns', 'ns', [CompletionResultType]::ParameterValue, 'Create a namespace with the specified name')
            [CompletionResult]::new('configmap', 'configmap', [CompletionResultType]::ParameterValue, 'Create a config map from a local file, directory or literal value')
            [CompletionResult]::new('cm', 'cm', [CompletionResultType]::ParameterValue, 'Create a config map from a local file, directory or literal value')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Create a secret')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Create a service')
            [CompletionResult]::new('svc', 'svc', [CompletionResultType]::ParameterValue, 'Create a service')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'Create a job with the specified name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;create;deployment' {
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Image names to run (repeatable; one container each)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Number of replicas to create')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Number of replicas to create')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The containerPort this deployment exposes')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;deploy' {
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Image names to run (repeatable; one container each)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Number of replicas to create')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Number of replicas to create')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The containerPort this deployment exposes')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;namespace' {
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;ns' {
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;configmap' {
            [CompletionResult]::new('--from-literal', '--from-literal', [CompletionResultType]::ParameterName, 'key=value pairs')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Files or directories, optionally as key=path')
            [CompletionResult]::new('--from-env-file', '--from-env-file', [CompletionResultType]::ParameterName, 'Files of key=value lines')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;cm' {
            [CompletionResult]::new('--from-literal', '--from-literal', [CompletionResultType]::ParameterName, 'key=value pairs')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Files or directories, optionally as key=path')
            [CompletionResult]::new('--from-env-file', '--from-env-file', [CompletionResultType]::ParameterName, 'Files of key=value lines')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;secret' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('generic', 'generic', [CompletionResultType]::ParameterValue, 'Create a secret from a local file, directory, or literal value')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;create;secret;generic' {
            [CompletionResult]::new('--from-literal', '--from-literal', [CompletionResultType]::ParameterName, 'key=value pairs')
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Files or directories, optionally as key=path')
            [CompletionResult]::new('--from-env-file', '--from-env-file', [CompletionResultType]::ParameterName, 'Files of key=value lines')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'The type of secret to create')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;secret;help' {
            [CompletionResult]::new('generic', 'generic', [CompletionResultType]::ParameterValue, 'Create a secret from a local file, directory, or literal value')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;create;secret;help;generic' {
            break
        }
        'kx;create;secret;help;help' {
            break
        }
        'kx;create;service' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('clusterip', 'clusterip', [CompletionResultType]::ParameterValue, 'Create a ClusterIP service')
            [CompletionResult]::new('nodeport', 'nodeport', [CompletionResultType]::ParameterValue, 'Create a NodePort service')
            [CompletionResult]::new('loadbalancer', 'loadbalancer', [CompletionResultType]::ParameterValue, 'Create a LoadBalancer service')
            [CompletionResult]::new('externalname', 'externalname', [CompletionResultType]::ParameterValue, 'Create an ExternalName service')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;create;svc' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('clusterip', 'clusterip', [CompletionResultType]::ParameterValue, 'Create a ClusterIP service')
            [CompletionResult]::new('nodeport', 'nodeport', [CompletionResultType]::ParameterValue, 'Create a NodePort service')
            [CompletionResult]::new('loadbalancer', 'loadbalancer', [CompletionResultType]::ParameterValue, 'Create a LoadBalancer service')
            [CompletionResult]::new('externalname', 'externalname', [CompletionResultType]::ParameterValue, 'Create an ExternalName service')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;create;service;clusterip' {
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Port pairs PORT[:TARGET_PORT] (repeatable, or comma-separated)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--clusterip', '--clusterip', [CompletionResultType]::ParameterName, 'Assign your own ClusterIP or set to ''None'' for a ''headless'' service')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;svc;clusterip' {
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Port pairs PORT[:TARGET_PORT] (repeatable, or comma-separated)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--clusterip', '--clusterip', [CompletionResultType]::ParameterName, 'Assign your own ClusterIP or set to ''None'' for a ''headless'' service')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;service;nodeport' {
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Port pairs PORT[:TARGET_PORT] (repeatable, or comma-separated)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--node-port', '--node-port', [CompletionResultType]::ParameterName, 'Port used to expose the service on each node in a cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;svc;nodeport' {
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Port pairs PORT[:TARGET_PORT] (repeatable, or comma-separated)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--node-port', '--node-port', [CompletionResultType]::ParameterName, 'Port used to expose the service on each node in a cluster')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;service;loadbalancer' {
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Port pairs PORT[:TARGET_PORT] (repeatable, or comma-separated)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;svc;loadbalancer' {
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Port pairs PORT[:TARGET_PORT] (repeatable, or comma-separated)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;service;externalname' {
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Port pairs PORT[:TARGET_PORT] (repeatable, or comma-separated)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--external-name', '--external-name', [CompletionResultType]::ParameterName, 'External name of the service')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;svc;externalname' {
            [CompletionResult]::new('--tcp', '--tcp', [CompletionResultType]::ParameterName, 'Port pairs PORT[:TARGET_PORT] (repeatable, or comma-separated)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--external-name', '--external-name', [CompletionResultType]::ParameterName, 'External name of the service')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;service;help' {
            [CompletionResult]::new('clusterip', 'clusterip', [CompletionResultType]::ParameterValue, 'Create a ClusterIP service')
            [CompletionResult]::new('nodeport', 'nodeport', [CompletionResultType]::ParameterValue, 'Create a NodePort service')
            [CompletionResult]::new('loadbalancer', 'loadbalancer', [CompletionResultType]::ParameterValue, 'Create a LoadBalancer service')
            [CompletionResult]::new('externalname', 'externalname', [CompletionResultType]::ParameterValue, 'Create an ExternalName service')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;create;service;help;clusterip' {
            break
        }
        'kx;create;service;help;nodeport' {
            break
        }
        'kx;create;service;help;loadbalancer' {
            break
        }
        'kx;create;service;help;externalname' {
            break
        }
        'kx;create;service;help;help' {
            break
        }
        'kx;create;svc;help' {
            [CompletionResult]::new('clusterip', 'clusterip', [CompletionResultType]::ParameterValue, 'Create a ClusterIP service')
            [CompletionResult]::new('nodeport', 'nodeport', [CompletionResultType]::ParameterValue, 'Create a NodePort service')
            [CompletionResult]::new('loadbalancer', 'loadbalancer', [CompletionResultType]::ParameterValue, 'Create a LoadBalancer service')
            [CompletionResult]::new('externalname', 'externalname', [CompletionResultType]::ParameterValue, 'Create an ExternalName service')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;create;svc;help;clusterip' {
            break
        }
        'kx;create;svc;help;nodeport' {
            break
        }
        'kx;create;svc;help;loadbalancer' {
            break
        }
        'kx;create;svc;help;externalname' {
            break
        }
        'kx;create;svc;help;help' {
            break
        }
        'kx;create;job' {
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Image name to run')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The resource to create a job from (only cronjob/NAME)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server: only show what would be created')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--save-config', '--save-config', [CompletionResultType]::ParameterName, 'Record the configuration in the last-applied annotation, so `apply` can follow')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;create;help' {
            [CompletionResult]::new('deployment', 'deployment', [CompletionResultType]::ParameterValue, 'Create a deployment with the specified name')
            [CompletionResult]::new('namespace', 'namespace', [CompletionResultType]::ParameterValue, 'Create a namespace with the specified name')
            [CompletionResult]::new('configmap', 'configmap', [CompletionResultType]::ParameterValue, 'Create a config map from a local file, directory or literal value')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Create a secret')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Create a service')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'Create a job with the specified name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;create;help;deployment' {
            break
        }
        'kx;create;help;namespace' {
            break
        }
        'kx;create;help;configmap' {
            break
        }
        'kx;create;help;secret' {
            [CompletionResult]::new('generic', 'generic', [CompletionResultType]::ParameterValue, 'Create a secret from a local file, directory, or literal value')
            break
        }
        'kx;create;help;secret;generic' {
            break
        }
        'kx;create;help;service' {
            [CompletionResult]::new('clusterip', 'clusterip', [CompletionResultType]::ParameterValue, 'Create a ClusterIP service')
            [CompletionResult]::new('nodeport', 'nodeport', [CompletionResultType]::ParameterValue, 'Create a NodePort service')
            [CompletionResult]::new('loadbalancer', 'loadbalancer', [CompletionResultType]::ParameterValue, 'Create a LoadBalancer service')
            [CompletionResult]::new('externalname', 'externalname', [CompletionResultType]::ParameterValue, 'Create an ExternalName service')
            break
        }
        'kx;create;help;service;clusterip' {
            break
        }
        'kx;create;help;service;nodeport' {
            break
        }
        'kx;create;help;service;loadbalancer' {
            break
        }
        'kx;create;help;service;externalname' {
            break
        }
        'kx;create;help;job' {
            break
        }
        'kx;create;help;help' {
            break
        }
        'kx;delete' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Files, directories or `-` (stdin) naming the objects to delete')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Files, directories or `-` (stdin) naming the objects to delete')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Delete the objects matching this label selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Delete the objects matching this label selector')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Delete the objects matching this field selector')
            [CompletionResult]::new('--cascade', '--cascade', [CompletionResultType]::ParameterName, 'background, foreground or orphan: what happens to dependents')
            [CompletionResult]::new('--grace-period', '--grace-period', [CompletionResultType]::ParameterName, 'Seconds the object has to terminate; negative uses its default; 0 only with --force')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the objects to be gone before returning')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait (0 waits a week)')
            [CompletionResult]::new('--ignore-not-found', '--ignore-not-found', [CompletionResultType]::ParameterName, 'Treat "not found" as success')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: only `name`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: only `name`')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Delete all objects of the given types in the namespace')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'With -l/--all, act in all namespaces')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'With -l/--all, act in all namespaces')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete immediately, without waiting for confirmation that the resource has terminated')
            [CompletionResult]::new('--now', '--now', [CompletionResultType]::ParameterName, 'Signal resources for immediate shutdown (grace period 1)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;diff' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Files, directories or `-` (stdin) with the configuration to compare')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Files, directories or `-` (stdin) with the configuration to compare')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--server-side', '--server-side', [CompletionResultType]::ParameterName, 'Compare with what server-side apply would produce')
            [CompletionResult]::new('--force-conflicts', '--force-conflicts', [CompletionResultType]::ParameterName, 'With --server-side, take ownership of fields other managers hold')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;edit' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Files naming the objects to edit')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Files naming the objects to edit')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Edit the objects matching this label selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Edit the objects matching this label selector')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'yaml (default) or json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'yaml (default) or json')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--validate', '--validate', [CompletionResultType]::ParameterName, 'strict (or true), warn, ignore (or false): how the server treats unknown fields')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--output-patch', '--output-patch', [CompletionResultType]::ParameterName, 'Print the patch sent for each object')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;label' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Files naming the objects to change')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Files naming the objects to change')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Change the objects matching this label selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Change the objects matching this label selector')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Change the objects matching this field selector')
            [CompletionResult]::new('--resource-version', '--resource-version', [CompletionResultType]::ParameterName, 'Only change the object if its resourceVersion is this one')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Change all objects of the given types in the namespace')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'With -l/--all, act in all namespaces')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'With -l/--all, act in all namespaces')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Allow replacing existing values')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'Print the current values instead of changing them')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;annotate' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Files naming the objects to change')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Files naming the objects to change')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Change the objects matching this label selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Change the objects matching this label selector')
            [CompletionResult]::new('--field-selector', '--field-selector', [CompletionResultType]::ParameterName, 'Change the objects matching this field selector')
            [CompletionResult]::new('--resource-version', '--resource-version', [CompletionResultType]::ParameterName, 'Only change the object if its resourceVersion is this one')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Process the directories given with -f recursively')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Change all objects of the given types in the namespace')
            [CompletionResult]::new('-A', '-A ', [CompletionResultType]::ParameterName, 'With -l/--all, act in all namespaces')
            [CompletionResult]::new('--all-namespaces', '--all-namespaces', [CompletionResultType]::ParameterName, 'With -l/--all, act in all namespaces')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Allow replacing existing values')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'Print the current values instead of changing them')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;patch' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Files naming the objects to patch')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Files naming the objects to patch')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The patch, as JSON or YAML')
            [CompletionResult]::new('--patch', '--patch', [CompletionResultType]::ParameterName, 'The patch, as JSON or YAML')
            [CompletionResult]::new('--patch-file', '--patch-file', [CompletionResultType]::ParameterName, 'A file holding the patch')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'strategic (default), merge or json')
            [CompletionResult]::new('--subresource', '--subresource', [CompletionResultType]::ParameterName, 'Patch this subresource (status, scale)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;scale' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Files naming the objects to scale')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Files naming the objects to scale')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'The new number of replicas')
            [CompletionResult]::new('--current-replicas', '--current-replicas', [CompletionResultType]::ParameterName, 'Precondition: the current number of replicas (-1 for none)')
            [CompletionResult]::new('--resource-version', '--resource-version', [CompletionResultType]::ParameterName, 'Precondition: the resourceVersion of the scale')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Scale the objects matching this label selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Scale the objects matching this label selector')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: only `name`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: only `name`')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Scale all objects of the given types in the namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;set' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Update the images of containers in a pod template')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;set;image' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Files naming the objects to change')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Files naming the objects to change')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Change the objects matching this label selector')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Change the objects matching this label selector')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'none, client or server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name, json or yaml')
            [CompletionResult]::new('--field-manager', '--field-manager', [CompletionResultType]::ParameterName, 'Name of the manager used to track field ownership')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Change all objects of the given types in the namespace')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;set;help' {
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Update the images of containers in a pod template')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;set;help;image' {
            break
        }
        'kx;set;help;help' {
            break
        }
        'kx;logs' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Print the logs of this container')
            [CompletionResult]::new('--container', '--container', [CompletionResultType]::ParameterName, 'Print the logs of this container')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Lines of recent log to show (-1 for all; 10 with a selector)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only logs newer than this duration (e.g. 5s, 2m, 3h)')
            [CompletionResult]::new('--since-time', '--since-time', [CompletionResultType]::ParameterName, 'Only logs after this time (RFC 3339)')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Select pods by label')
            [CompletionResult]::new('--selector', '--selector', [CompletionResultType]::ParameterName, 'Select pods by label')
            [CompletionResult]::new('--max-log-requests', '--max-log-requests', [CompletionResultType]::ParameterName, 'Maximum concurrent streams with a selector and --follow')
            [CompletionResult]::new('--limit-bytes', '--limit-bytes', [CompletionResultType]::ParameterName, 'Maximum bytes of logs to return')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Stream the logs')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Stream the logs')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'Include timestamps on each line')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The previous terminated container''s logs')
            [CompletionResult]::new('--previous', '--previous', [CompletionResultType]::ParameterName, 'The previous terminated container''s logs')
            [CompletionResult]::new('--all-containers', '--all-containers', [CompletionResultType]::ParameterName, 'Every container of the pods')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Prefix each line with its source ([pod/NAME/CONTAINER])')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;exec' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Container name (default: the default-container annotation, else the first)')
            [CompletionResult]::new('--container', '--container', [CompletionResultType]::ParameterName, 'Container name (default: the default-container annotation, else the first)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Pass stdin to the container')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Pass stdin to the container')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Stdin is a TTY')
            [CompletionResult]::new('--tty', '--tty', [CompletionResultType]::ParameterName, 'Stdin is a TTY')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only print output from the remote session')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only print output from the remote session')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;port-forward' {
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Addresses to listen on (comma separated): IP addresses or localhost, which binds 127.0.0.1 and ::1 and fails only if neither can be bound')
            [CompletionResult]::new('--pod-running-timeout', '--pod-running-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a workload''s or service''s pod to be running (e.g. 5s, 2m)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;rollout' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the status of the rollout')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'View rollout history')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Undo a previous rollout')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a resource')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Mark the provided resource as paused')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused resource')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;rollout;status' {
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Watch the status of the rollout until it''s done')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Watch the status of the rollout until it''s done')
            [CompletionResult]::new('--revision', '--revision', [CompletionResultType]::ParameterName, 'Pin to a specific revision for showing its status (0: the latest)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait before giving up (0 waits forever)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;rollout;history' {
            [CompletionResult]::new('--revision', '--revision', [CompletionResultType]::ParameterName, 'Show the details, including the pod template, of this revision')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;rollout;undo' {
            [CompletionResult]::new('--to-revision', '--to-revision', [CompletionResultType]::ParameterName, 'The revision to roll back to (0: the previous one)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;rollout;restart' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;rollout;pause' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;rollout;resume' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;rollout;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the status of the rollout')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'View rollout history')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Undo a previous rollout')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a resource')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Mark the provided resource as paused')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused resource')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;rollout;help;status' {
            break
        }
        'kx;rollout;help;history' {
            break
        }
        'kx;rollout;help;undo' {
            break
        }
        'kx;rollout;help;restart' {
            break
        }
        'kx;rollout;help;pause' {
            break
        }
        'kx;rollout;help;resume' {
            break
        }
        'kx;rollout;help;help' {
            break
        }
        'kx;ns' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Print the current namespace')
            [CompletionResult]::new('--current', '--current', [CompletionResultType]::ParameterName, 'Print the current namespace')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Go back to the context''s default namespace')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Go back to the context''s default namespace')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Switch even if the namespace does not exist (or the cluster cannot be reached)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Switch even if the namespace does not exist (or the cluster cannot be reached)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;ctx' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Print the current context')
            [CompletionResult]::new('--current', '--current', [CompletionResultType]::ParameterName, 'Print the current context')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'Unset the current context')
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Unset the current context')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;config' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Display merged kubeconfig settings or a specified kubeconfig file')
            [CompletionResult]::new('get-contexts', 'get-contexts', [CompletionResultType]::ParameterValue, 'Describe one or many contexts')
            [CompletionResult]::new('current-context', 'current-context', [CompletionResultType]::ParameterValue, 'Display the current-context')
            [CompletionResult]::new('use-context', 'use-context', [CompletionResultType]::ParameterValue, 'Set the current-context in a kubeconfig file')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Set the current-context in a kubeconfig file')
            [CompletionResult]::new('set-context', 'set-context', [CompletionResultType]::ParameterValue, 'Set a context entry in kubeconfig (with --cluster, --user, --namespace)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where kx keeps its files: config, themes, clusters, caches, logs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;config;view' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: yaml (the default) or json')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: yaml (the default) or json')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--minify', '--minify', [CompletionResultType]::ParameterName, 'Remove all information not used by current-context from the output')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Display raw byte data')
            [CompletionResult]::new('--flatten', '--flatten', [CompletionResultType]::ParameterName, 'Flatten the resulting kubeconfig into self-contained output (implies --raw)')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;config;get-contexts' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: name')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: name')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Do not print headers')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;config;current-context' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;config;use-context' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;config;use' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;config;set-context' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--current', '--current', [CompletionResultType]::ParameterName, 'Modify the current context')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;config;path' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kx;config;help' {
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Display merged kubeconfig settings or a specified kubeconfig file')
            [CompletionResult]::new('get-contexts', 'get-contexts', [CompletionResultType]::ParameterValue, 'Describe one or many contexts')
            [CompletionResult]::new('current-context', 'current-context', [CompletionResultType]::ParameterValue, 'Display the current-context')
            [CompletionResult]::new('use-context', 'use-context', [CompletionResultType]::ParameterValue, 'Set the current-context in a kubeconfig file')
            [CompletionResult]::new('set-context', 'set-context', [CompletionResultType]::ParameterValue, 'Set a context entry in kubeconfig (with --cluster, --user, --namespace)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where kx keeps its files: config, themes, clusters, caches, logs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;config;help;view' {
            break
        }
        'kx;config;help;get-contexts' {
            break
        }
        'kx;config;help;current-context' {
            break
        }
        'kx;config;help;use-context' {
            break
        }
        'kx;config;help;set-context' {
            break
        }
        'kx;config;help;path' {
            break
        }
        'kx;config;help;help' {
            break
        }
        'kx;explain' {
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Print the names of all fields recursively instead of their descriptions')
            [CompletionResult]::new('--api-version', '--api-version', [CompletionResultType]::ParameterName, 'Use this group/version of the resource')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Format in which to render the schema (plaintext)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Format in which to render the schema (plaintext)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;theme' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List built-in and user themes; `*` marks the configured default')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List built-in and user themes; `*` marks the configured default')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Convert a k9s skin (skin.yml) into a kx theme in the user''s themes directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;theme;list' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;theme;ls' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;theme;import' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The theme''s name [default: the skin''s file name without extension]')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing user theme, or shadow a built-in one, of the same name')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;theme;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List built-in and user themes; `*` marks the configured default')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Convert a k9s skin (skin.yml) into a kx theme in the user''s themes directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;theme;help;list' {
            break
        }
        'kx;theme;help;import' {
            break
        }
        'kx;theme;help;help' {
            break
        }
        'kx;completions' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;man' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Path to the kubeconfig file to use')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'The kubeconfig cluster to use')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The kubeconfig user to use')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace scope for this request')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The address and port of the Kubernetes API server')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Bearer token for authentication to the API server')
            [CompletionResult]::new('--certificate-authority', '--certificate-authority', [CompletionResultType]::ParameterName, 'Path to a certificate authority file')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'How long to wait for a single request (e.g. 5s, 1m; 0 waits forever)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--v', '--v', [CompletionResultType]::ParameterName, 'Log level: 6 logs requests, 7 adds headers, 8 adds bodies')
            [CompletionResult]::new('--insecure-skip-tls-verify', '--insecure-skip-tls-verify', [CompletionResultType]::ParameterName, 'Do not check the server''s certificate (insecure)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kx;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Display one or many resources')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'Show details of a specific resource or group of resources')
            [CompletionResult]::new('api-resources', 'api-resources', [CompletionResultType]::ParameterValue, 'Print the supported API resources on the server')
            [CompletionResult]::new('api-versions', 'api-versions', [CompletionResultType]::ParameterValue, 'Print the supported API versions on the server, as "group/version"')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Print the client and server version information')
            [CompletionResult]::new('cluster-info', 'cluster-info', [CompletionResultType]::ParameterValue, 'Display addresses of the control plane and services with label kubernetes.io/cluster-service=true')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Run and manage the embedded cluster')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply a configuration to a resource by file name or stdin')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a resource from a file or from stdin, or one of the common kinds from flags')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete resources by file names, stdin, resources and names, or by resources and label selector')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Diff the live version against a would-be applied version')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a resource on the server with your editor')
            [CompletionResult]::new('label', 'label', [CompletionResultType]::ParameterValue, 'Update the labels on a resource')
            [CompletionResult]::new('annotate', 'annotate', [CompletionResultType]::ParameterValue, 'Update the annotations on a resource')
            [CompletionResult]::new('patch', 'patch', [CompletionResultType]::ParameterValue, 'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Set a new size for a deployment, replica set, replication controller, or stateful set')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set specific features on objects')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Print the logs for a container in a pod')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Execute a command in a container')
            [CompletionResult]::new('port-forward', 'port-forward', [CompletionResultType]::ParameterValue, 'Forward one or more local ports to a pod')
            [CompletionResult]::new('rollout', 'rollout', [CompletionResultType]::ParameterValue, 'Manage the rollout of deployments, statefulsets and daemonsets')
            [CompletionResult]::new('ns', 'ns', [CompletionResultType]::ParameterValue, 'Switch or list namespaces of the current context (kubens)')
            [CompletionResult]::new('ctx', 'ctx', [CompletionResultType]::ParameterValue, 'Switch or list contexts (kubectx)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Modify kubeconfig files')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Get documentation for a resource')
            [CompletionResult]::new('theme', 'theme', [CompletionResultType]::ParameterValue, 'List the TUI''s colour themes, or import a k9s skin as one')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write a man page per command into DIR, or print kx''s own page')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kx;help;get' {
            break
        }
        'kx;help;describe' {
            break
        }
        'kx;help;api-resources' {
            break
        }
        'kx;help;api-versions' {
            break
        }
        'kx;help;version' {
            break
        }
        'kx;help;cluster-info' {
            break
        }
        'kx;help;cluster' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start the control plane (in the foreground unless --detach); Ctrl-C stops it')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop a cluster started with --detach')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show whether the cluster runs, where, and what it holds')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Stop the cluster and delete all its state')
            break
        }
        'kx;help;cluster;up' {
            break
        }
        'kx;help;cluster;down' {
            break
        }
        'kx;help;cluster;status' {
            break
        }
        'kx;help;cluster;reset' {
            break
        }
        'kx;help;apply' {
            break
        }
        'kx;help;create' {
            [CompletionResult]::new('deployment', 'deployment', [CompletionResultType]::ParameterValue, 'Create a deployment with the specified name')
            [CompletionResult]::new('namespace', 'namespace', [CompletionResultType]::ParameterValue, 'Create a namespace with the specified name')
            [CompletionResult]::new('configmap', 'configmap', [CompletionResultType]::ParameterValue, 'Create a config map from a local file, directory or literal value')
            [CompletionResult]::new('secret', 'secret', [CompletionResultType]::ParameterValue, 'Create a secret')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Create a service')
            [CompletionResult]::new('job', 'job', [CompletionResultType]::ParameterValue, 'Create a job with the specified name')
            break
        }
        'kx;help;create;deployment' {
            break
        }
        'kx;help;create;namespace' {
            break
        }
        'kx;help;create;configmap' {
            break
        }
        'kx;help;create;secret' {
            [CompletionResult]::new('generic', 'generic', [CompletionResultType]::ParameterValue, 'Create a secret from a local file, directory, or literal value')
            break
        }
        'kx;help;create;secret;generic' {
            break
        }
        'kx;help;create;service' {
            [CompletionResult]::new('clusterip', 'clusterip', [CompletionResultType]::ParameterValue, 'Create a ClusterIP service')
            [CompletionResult]::new('nodeport', 'nodeport', [CompletionResultType]::ParameterValue, 'Create a NodePort service')
            [CompletionResult]::new('loadbalancer', 'loadbalancer', [CompletionResultType]::ParameterValue, 'Create a LoadBalancer service')
            [CompletionResult]::new('externalname', 'externalname', [CompletionResultType]::ParameterValue, 'Create an ExternalName service')
            break
        }
        'kx;help;create;service;clusterip' {
            break
        }
        'kx;help;create;service;nodeport' {
            break
        }
        'kx;help;create;service;loadbalancer' {
            break
        }
        'kx;help;create;service;externalname' {
            break
        }
        'kx;help;create;job' {
            break
        }
        'kx;help;delete' {
            break
        }
        'kx;help;diff' {
            break
        }
        'kx;help;edit' {
            break
        }
        'kx;help;label' {
            break
        }
        'kx;help;annotate' {
            break
        }
        'kx;help;patch' {
            break
        }
        'kx;help;scale' {
            break
        }
        'kx;help;set' {
            [CompletionResult]::new('image', 'image', [CompletionResultType]::ParameterValue, 'Update the images of containers in a pod template')
            break
        }
        'kx;help;set;image' {
            break
        }
        'kx;help;logs' {
            break
        }
        'kx;help;exec' {
            break
        }
        'kx;help;port-forward' {
            break
        }
        'kx;help;rollout' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the status of the rollout')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'View rollout history')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Undo a previous rollout')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a resource')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Mark the provided resource as paused')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume a paused resource')
            break
        }
        'kx;help;rollout;status' {
            break
        }
        'kx;help;rollout;history' {
            break
        }
        'kx;help;rollout;undo' {
            break
        }
        'kx;help;rollout;restart' {
            break
        }
        'kx;help;rollout;pause' {
            break
        }
        'kx;help;rollout;resume' {
            break
        }
        'kx;help;ns' {
            break
        }
        'kx;help;ctx' {
            break
        }
        'kx;help;config' {
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Display merged kubeconfig settings or a specified kubeconfig file')
            [CompletionResult]::new('get-contexts', 'get-contexts', [CompletionResultType]::ParameterValue, 'Describe one or many contexts')
            [CompletionResult]::new('current-context', 'current-context', [CompletionResultType]::ParameterValue, 'Display the current-context')
            [CompletionResult]::new('use-context', 'use-context', [CompletionResultType]::ParameterValue, 'Set the current-context in a kubeconfig file')
            [CompletionResult]::new('set-context', 'set-context', [CompletionResultType]::ParameterValue, 'Set a context entry in kubeconfig (with --cluster, --user, --namespace)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where kx keeps its files: config, themes, clusters, caches, logs')
            break
        }
        'kx;help;config;view' {
            break
        }
        'kx;help;config;get-contexts' {
            break
        }
        'kx;help;config;current-context' {
            break
        }
        'kx;help;config;use-context' {
            break
        }
        'kx;help;config;set-context' {
            break
        }
        'kx;help;config;path' {
            break
        }
        'kx;help;explain' {
            break
        }
        'kx;help;theme' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List built-in and user themes; `*` marks the configured default')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Convert a k9s skin (skin.yml) into a kx theme in the user''s themes directory')
            break
        }
        'kx;help;theme;list' {
            break
        }
        'kx;help;theme;import' {
            break
        }
        'kx;help;completions' {
            break
        }
        'kx;help;man' {
            break
        }
        'kx;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
