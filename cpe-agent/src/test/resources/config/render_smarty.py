# Renders the subset of Smarty used by the FusionPBX WP820 template.
import re, sys
V = {
 'mac': '00-0b-82-12-34-56',
 'account.1.display_name': 'Ward 3 Nurse', 'account.1.server_address': 'pbx.example.org',
 'account.1.sip_port': '5060', 'account.1.user_id': '1001', 'account.1.auth_id': '1001',
 'account.1.password': 'S3cr3t!', 'account.1.sip_transport': 'udp', 'account.1.register_expires': '30',
 'account.2.display_name': 'Ward 3 Pager', 'account.2.server_address': 'pbx.example.org',
 'account.2.sip_port': '5060', 'account.2.user_id': '1002', 'account.2.auth_id': '1002',
 'account.2.password': 'p4ss', 'account.2.sip_transport': 'tcp', 'account.2.register_expires': '60',
 'sip_transport_1': 'udp', 'sip_transport_2': 'tcp', 'user_id_1': '1001',
 'admin_password': 'Adm1n!pw', 'ntp_server_primary': 'ntp.example.org',
 'grandstream_tr069_periodic_inform_enable': '1', 'voicemail_number': '*97',
 'domain_name': 'pbx.example.org', 'http_auth_username': 'prov', 'http_auth_password': 'provpw',
 'grandstream_config_server_path': 'none', 'project_path': '',
}
src = open(sys.argv[1]).read()
tok = re.compile(r"\{(literal|/literal|if [^}]*|elseif [^}]*|else|/if|\$[a-z_.0-9]+=[0-9]+|\$[a-z_.0-9]+(?:\|[^}]*)?)\}")
def cond(c):
    def one(part):
        part = part.strip()
        m = re.fullmatch(r"isset *\(\$([a-z_.0-9]+)\) *", part)
        if m: return m.group(1) in V
        m = re.fullmatch(r"\$([a-z_.0-9]+) *(==|!=) *['\"]([^'\"]*)['\"]", part)
        if m:
            eq = V.get(m.group(1), '') == m.group(3)
            return eq if m.group(2) == '==' else not eq
        raise ValueError(part)
    return all(one(p) for p in c.split('&&'))
out, stack, pos, literal = [], [], 0, False  # stack of [active_now, branch_taken, parent_active]
def active(): return all(s[0] for s in stack)
for m in tok.finditer(src):
    t = m.group(1)
    if active(): out.append(src[pos:m.start()])
    pos = m.end()
    if literal and t != '/literal':
        if active(): out.append(m.group(0)); continue
    if t == 'literal': literal = True
    elif t == '/literal': literal = False
    elif t.startswith('if '):
        c = cond(t[3:]) ; stack.append([c, c])
    elif t.startswith('elseif '):
        s = stack[-1]; c = not s[1] and cond(t[7:]); s[0] = c; s[1] = s[1] or c
    elif t == 'else':
        s = stack[-1]; s[0] = not s[1]; s[1] = True
    elif t == '/if': stack.pop()
    elif '=' in t.split('|')[0]:
        if active(): V[t[1:].split('=')[0]] = t.split('=')[1]
    elif active():
        name, *filters = t[1:].split('|')
        v = V.get(name, '')
        for f in filters:
            if f.startswith('replace:'): v = v.replace('-', '')
            elif f == 'upper': v = v.upper()
        out.append(v)
out.append(src[pos:])
assert not stack
sys.stdout.write(''.join(out))
