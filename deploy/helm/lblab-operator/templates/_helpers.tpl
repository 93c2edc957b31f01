{{/* The app name: the chart's, unless nameOverride. */}}
{{- define "lblab-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of every object: the release's name when it contains the app's (release "lblab-operator" gives the names of deploy/). */}}
{{- define "lblab-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "lblab-operator.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels of every object: those of deploy/ plus Helm's. */}}
{{- define "lblab-operator.labels" -}}
{{ include "lblab-operator.selectorLabels" . }}
app.kubernetes.io/part-of: lblab
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "lblab-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lblab-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* An environment variable's name for a configuration key, as Quarkus maps them: non-alphanumerics to _, upper case. */}}
{{- define "lblab-operator.envName" -}}
{{- regexReplaceAll "[^A-Za-z0-9]" . "_" | upper }}
{{- end }}
