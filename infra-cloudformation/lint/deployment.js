// Checks of where and how the templates are deployed, across the templates linted together (lint.js runs them after
// each template's own checks): resources bound to us-east-1 (CloudFront's ACM certificate, CLOUDFRONT-scope WAF),
// the scope of the web ACL each CloudFront distribution or WebACLAssociation takes, and the StackSet's permission
// model, roles and capabilities. A nested template is followed to the templates that create it (Stack and StackSet
// resources whose TemplateURL ends in its path), up to stackset.yaml.
'use strict';

const US_EAST_1 = 'us-east-1';
// Regions a certificate parameter's AllowedPattern must refuse (and us-east-1 it must admit).
const OTHER_REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-2', 'us-west-2', 'ap-southeast-1'];
const CERTIFICATE_PATTERN = '^arn:aws:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]+$';
const WAF_SCOPED = new Set(['AWS::WAFv2::WebACL', 'AWS::WAFv2::IPSet', 'AWS::WAFv2::RegexPatternSet', 'AWS::WAFv2::RuleGroup']);

function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
function has(o, k) { return isObject(o) && Object.prototype.hasOwnProperty.call(o, k); }
function certificateArn(region) { return `arn:aws:acm:${region}:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789`; }
function isNoValue(v) { return isObject(v) && v.Ref === 'AWS::NoValue'; }

class DeploymentChecks {
  /** linters: the TemplateLinter of each parsed template (file, doc, resources, parameters, conditions, report). */
  constructor(linters) {
    this.linters = linters;
    this.byFile = new Map(linters.map((l) => [l.file, l]));
    this.parents = new Map(); // file -> [{linter, name, resource}] of the Stack/StackSet resources that create it
    this.checkedParameters = new Set(); // file and name of each certificate parameter checked (one finding each)
    for (const l of linters) {
      for (const [name, r] of Object.entries(l.resources)) {
        if (!isObject(r) || (r.Type !== 'AWS::CloudFormation::Stack' && r.Type !== 'AWS::CloudFormation::StackSet')) continue;
        const child = l.nestedTemplate(r);
        if (!child) continue;
        if (!this.parents.has(child.file)) this.parents.set(child.file, []);
        this.parents.get(child.file).push({ linter: l, name, resource: r });
      }
    }
  }

  run() {
    for (const l of this.linters) {
      for (const [name, r] of Object.entries(l.resources)) {
        if (!isObject(r) || !isObject(r.Properties)) continue;
        if (r.Type === 'AWS::CloudFront::Distribution') this.checkDistribution(l, name, r);
        if (WAF_SCOPED.has(r.Type)) this.checkCloudFrontScope(l, name, r);
        if (r.Type === 'AWS::WAFv2::WebACLAssociation') this.checkAssociation(l, name, r);
        if (r.Type === 'AWS::CloudFormation::StackSet') this.checkStackSet(l, name, r);
      }
    }
  }

  // ---- CloudFront's certificate: ACM in us-east-1 ----------------------------------------------------------------

  checkDistribution(l, name, r) {
    const config = r.Properties.DistributionConfig;
    if (!isObject(config)) return;
    const at = ['Resources', name, 'Properties', 'DistributionConfig'];
    if (isObject(config.ViewerCertificate) && config.ViewerCertificate.AcmCertificateArn !== undefined) {
      const origin = `AcmCertificateArn of CloudFront distribution ${name} (${l.file}) must be an ACM certificate in us-east-1`;
      this.requireUsEast1Certificate(l, config.ViewerCertificate.AcmCertificateArn, [...at, 'ViewerCertificate', 'AcmCertificateArn'], origin);
    }
    if (config.WebACLId !== undefined) {
      const acl = this.webAcl(l, config.WebACLId);
      if (acl && acl.scope !== 'CLOUDFRONT') {
        l.report([...at, 'WebACLId'], `CloudFront distribution ${name} takes only a web ACL of Scope CLOUDFRONT (created in us-east-1), but WebACLId names ${acl.what}`);
      }
    }
  }

  /** Reports, where the chain breaks, why a value that ends in the certificate may be outside us-east-1. */
  requireUsEast1Certificate(l, value, at, origin) {
    if (typeof value === 'string') {
      const m = /^arn:[^:]*:acm:([^:]*):/.exec(value);
      if (!m) l.report(at, `${origin}; "${value}" is not an ACM certificate ARN`);
      else if (m[1] !== US_EAST_1) l.report(at, `${origin}; this one is in ${m[1] || 'no region'}`);
      return;
    }
    if (!isObject(value)) { l.report(at, `${origin}; found a ${Array.isArray(value) ? 'list' : typeof value}`); return; }
    if (Array.isArray(value['Fn::If']) && value['Fn::If'].length === 3) {
      for (const i of [1, 2]) {
        if (!isNoValue(value['Fn::If'][i])) this.requireUsEast1Certificate(l, value['Fn::If'][i], [...at, 'Fn::If', i], origin);
      }
      return;
    }
    const sub = typeof value['Fn::Sub'] === 'string' ? value['Fn::Sub'] : Array.isArray(value['Fn::Sub']) ? value['Fn::Sub'][0] : null;
    if (typeof sub === 'string') {
      const m = /^arn:[^:]*:acm:([^:]*):/.exec(sub);
      if (!m || m[1] !== US_EAST_1) l.report([...at, 'Fn::Sub'], `${origin}; its region is ${m ? m[1] || 'empty' : 'not known'} in "${sub}"`);
      return;
    }
    const ref = value.Ref;
    if (typeof ref === 'string' && has(l.parameters, ref)) { this.requireUsEast1Parameter(l, ref, origin); return; }
    if (typeof ref === 'string' && has(l.resources, ref) && isObject(l.resources[ref])
      && l.resources[ref].Type === 'AWS::CertificateManager::Certificate') {
      if (!this.onlyInUsEast1(l, l.resources[ref], new Set())) {
        l.report([...at, 'Ref'], `${origin}; certificate ${ref} is created in the region of its stack, and no Condition on AWS::Region keeps that to us-east-1`);
      }
      return;
    }
    l.report(at, `${origin}; cannot tell the region of this value (take a parameter with an AllowedPattern such as '${CERTIFICATE_PATTERN}')`);
  }

  /** The parameter's AllowedPattern admits only us-east-1 certificates, and every template that passes it does too. */
  requireUsEast1Parameter(l, parameter, origin) {
    const key = `${l.file}\u0000${parameter}`;
    if (this.checkedParameters.has(key)) return;
    this.checkedParameters.add(key);
    const p = l.parameters[parameter];
    const pattern = isObject(p) ? p.AllowedPattern : undefined;
    const problem = typeof pattern !== 'string'
      ? `parameter ${parameter} has no AllowedPattern that admits only certificates in us-east-1 (e.g. '${CERTIFICATE_PATTERN}')`
      : patternProblem(pattern);
    if (problem) l.report(['Parameters', parameter, ...(typeof pattern === 'string' ? ['AllowedPattern'] : [])], `${origin}; ${problem.replace('{p}', parameter)}`);
    for (const parent of this.parents.get(l.file) || []) {
      for (const { value, at } of passedValues(parent, parameter)) this.requireUsEast1Certificate(parent.linter, value, at, origin);
    }
  }

  // ---- WAF: CLOUDFRONT scope only in us-east-1; REGIONAL for associations -----------------------------------------

  checkCloudFrontScope(l, name, r) {
    if (r.Properties.Scope !== 'CLOUDFRONT' || this.onlyInUsEast1(l, r, new Set())) return;
    l.report(['Resources', name, 'Properties', 'Scope'], `${r.Type} ${name} has Scope CLOUDFRONT, which exists only in us-east-1, but nothing keeps it there: `
      + `give it, or every stack that creates ${l.file}, a Condition requiring {Fn::Equals: [{Ref: AWS::Region}, us-east-1]}`);
  }

  checkAssociation(l, name, r) {
    const acl = this.webAcl(l, r.Properties.WebACLArn);
    if (acl && acl.scope !== 'REGIONAL') {
      l.report(['Resources', name, 'Properties', 'WebACLArn'], `AWS::WAFv2::WebACLAssociation ${name} (API Gateway stage, load balancer, AppSync, Cognito) takes only a web ACL of Scope REGIONAL, `
        + `but WebACLArn names ${acl.what} (a CloudFront distribution takes its web ACL in WebACLId)`);
    }
  }

  /** {scope, what} of the web ACL a value names (Fn::GetAtt [Acl, Arn] of this template, or a literal ARN), else null. */
  webAcl(l, value) {
    if (typeof value === 'string') {
      const m = /^arn:[^:]*:wafv2:[^:]*:[^:]*:(global|regional)\/webacl\//.exec(value);
      return m ? { scope: m[1] === 'global' ? 'CLOUDFRONT' : 'REGIONAL', what: `"${value}" (${m[1]})` } : null;
    }
    const getAtt = isObject(value) ? value['Fn::GetAtt'] : undefined;
    const target = typeof getAtt === 'string' ? getAtt.split('.')[0] : Array.isArray(getAtt) ? getAtt[0] : null;
    const acl = typeof target === 'string' && has(l.resources, target) ? l.resources[target] : null;
    if (!isObject(acl) || acl.Type !== 'AWS::WAFv2::WebACL' || !isObject(acl.Properties) || typeof acl.Properties.Scope !== 'string') return null;
    return { scope: acl.Properties.Scope, what: `${target}, of Scope ${acl.Properties.Scope}` };
  }

  /** Whether the resource can only be created in us-east-1: a Condition of its own, or of every stack creating its template. */
  onlyInUsEast1(l, r, seen) {
    if (typeof r.Condition === 'string' && requiresUsEast1(l, l.conditions[r.Condition], new Set())) return true;
    if (seen.has(l.file)) return false;
    seen.add(l.file);
    const parents = this.parents.get(l.file) || [];
    return parents.length > 0 && parents.every((p) => (p.resource.Type === 'AWS::CloudFormation::StackSet'
      ? stackSetOnlyInUsEast1(p.resource) : this.onlyInUsEast1(p.linter, p.resource, new Set(seen))));
  }

  // ---- the StackSet: self-managed, its roles, and transforms ------------------------------------------------------

  checkStackSet(l, name, r) {
    const at = ['Resources', name, 'Properties'];
    const props = r.Properties;
    const transforms = this.transformsUnder(l.nestedTemplate(r));
    const used = transforms.map((t) => `${t.file} (${t.name})`).join(', ');
    if (props.PermissionModel !== 'SELF_MANAGED') {
      l.report(props.PermissionModel === undefined ? at : [...at, 'PermissionModel'], `StackSet ${name} must have PermissionModel SELF_MANAGED`
        + ` (found ${props.PermissionModel === undefined ? 'none, which is SELF_MANAGED only by default' : JSON.stringify(props.PermissionModel)})`
        + (transforms.length ? `: service-managed StackSets run no macros, and these templates use transforms: ${used}` : ''));
    }
    if (props.AdministrationRoleARN === undefined) {
      l.report(at, `StackSet ${name} names no AdministrationRoleARN (the role StackSets uses in the administration account; `
        + 'an Fn::If to AWS::NoValue may fall back to AWSCloudFormationStackSetAdministrationRole)');
    }
    if (props.ExecutionRoleName === undefined || isNoValue(props.ExecutionRoleName)) {
      l.report(at, `StackSet ${name} names no ExecutionRoleName (the role StackSets assumes in the target account)`);
    }
    const capabilities = Array.isArray(props.Capabilities) ? props.Capabilities : [];
    if (transforms.length && !capabilities.includes('CAPABILITY_AUTO_EXPAND')) {
      l.report(props.Capabilities === undefined ? at : [...at, 'Capabilities'],
        `StackSet ${name} deploys templates with transforms (${used}), so its Capabilities need CAPABILITY_AUTO_EXPAND`);
    }
  }

  /** The transforms ({file, name}) of the template and of every template it nests, each file once. */
  transformsUnder(template) {
    const found = [];
    const visited = new Set();
    const visit = (file) => {
      const l = this.byFile.get(file);
      if (!l || visited.has(file)) return;
      visited.add(file);
      for (const t of [].concat(l.doc.Transform === undefined ? [] : l.doc.Transform)) {
        found.push({ file, name: `Transform ${isObject(t) ? t.Name : t}` });
      }
      for (const n of fnTransformNames(l.doc.Resources)) found.push({ file, name: `Fn::Transform ${n}` });
      for (const r of Object.values(l.resources)) {
        if (!isObject(r) || r.Type !== 'AWS::CloudFormation::Stack') continue;
        const child = l.nestedTemplate(r);
        if (child) visit(child.file);
      }
    };
    if (template) visit(template.file);
    return found;
  }
}

/** Why the AllowedPattern does not hold a certificate ARN to us-east-1 ({p}: the parameter), or null when it does. */
function patternProblem(pattern) {
  let re;
  try {
    re = new RegExp(`^(?:${pattern})$`); // CloudFormation matches the whole value
  } catch (e) {
    return `the AllowedPattern of {p} is not a regular expression (${e.message})`;
  }
  if (!re.test(certificateArn(US_EAST_1))) return `the AllowedPattern of {p} refuses a certificate ARN in us-east-1 (${certificateArn(US_EAST_1)})`;
  const admitted = OTHER_REGIONS.find((region) => re.test(certificateArn(region)));
  return admitted ? `the AllowedPattern of {p} admits a certificate ARN in ${admitted} (e.g. '${CERTIFICATE_PATTERN}' does not)` : null;
}

/** The values (with their paths in the parent) that a Stack or StackSet resource passes for the parameter. */
function passedValues(parent, parameter) {
  const props = isObject(parent.resource.Properties) ? parent.resource.Properties : {};
  const base = ['Resources', parent.name, 'Properties'];
  const values = [];
  if (parent.resource.Type === 'AWS::CloudFormation::Stack') {
    if (has(props.Parameters, parameter)) values.push({ value: props.Parameters[parameter], at: [...base, 'Parameters', parameter] });
    return values;
  }
  const scan = (list, at) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      if (isObject(p) && p.ParameterKey === parameter) values.push({ value: p.ParameterValue, at: [...at, i, 'ParameterValue'] });
    });
  };
  scan(props.Parameters, [...base, 'Parameters']);
  if (Array.isArray(props.StackInstancesGroup)) {
    props.StackInstancesGroup.forEach((g, i) => {
      if (isObject(g)) scan(g.ParameterOverrides, [...base, 'StackInstancesGroup', i, 'ParameterOverrides']);
    });
  }
  return values;
}

/** Whether a condition holds only in us-east-1: Fn::Equals of AWS::Region and us-east-1, in any Fn::And, every Fn::Or. */
function requiresUsEast1(l, c, seen) {
  if (!isObject(c)) return false;
  if (typeof c.Condition === 'string') {
    if (seen.has(c.Condition)) return false;
    seen.add(c.Condition);
    return requiresUsEast1(l, l.conditions[c.Condition], seen);
  }
  const eq = c['Fn::Equals'];
  if (Array.isArray(eq) && eq.length === 2) {
    const region = (v) => isObject(v) && v.Ref === 'AWS::Region';
    return (region(eq[0]) && eq[1] === US_EAST_1) || (region(eq[1]) && eq[0] === US_EAST_1);
  }
  if (Array.isArray(c['Fn::And'])) return c['Fn::And'].some((x) => requiresUsEast1(l, x, seen));
  if (Array.isArray(c['Fn::Or'])) return c['Fn::Or'].length > 0 && c['Fn::Or'].every((x) => requiresUsEast1(l, x, seen));
  return false;
}

/** Whether every stack instance group of the StackSet names us-east-1 as its only region, literally. */
function stackSetOnlyInUsEast1(r) {
  const groups = isObject(r.Properties) ? r.Properties.StackInstancesGroup : undefined;
  return Array.isArray(groups) && groups.length > 0 && groups.every((g) => isObject(g) && Array.isArray(g.Regions)
    && g.Regions.length > 0 && g.Regions.every((region) => region === US_EAST_1));
}

/** The Name of every Fn::Transform in the value. */
function fnTransformNames(v) {
  const names = [];
  const visit = (x) => {
    if (Array.isArray(x)) { x.forEach(visit); return; }
    if (!isObject(x)) return;
    for (const [k, arg] of Object.entries(x)) {
      if (k === 'Fn::Transform' && isObject(arg)) names.push(typeof arg.Name === 'string' ? arg.Name : 'a macro');
      visit(arg);
    }
  };
  visit(v);
  return names;
}

module.exports = { DeploymentChecks };
