-- Drives the Regal language server from Neovim's own LSP client (Neovim 0.7 and later), headless:
--   nvim --headless -u NONE -i NONE -n -c "luafile test/neovim/lsp-check.lua"
-- Environment:
--   REGAL_NVIM_SERVER   the server command as a JSON array, e.g. ["regal-webhook-language-server","--stdio"]
--   REGAL_NVIM_PAYLOAD  a payload with a `//` comment, `"channel": "voice"` and an `"eventSource"` key
--   REGAL_NVIM_RESULT   where to write what Neovim saw, as JSON (test/e2e/neovim.test.ts reads it)
--   REGAL_NVIM_TIMEOUT_MS  how long each wait may take (default 10000)
-- It opens the payload, waits for the server's diagnostics to reach vim.diagnostic, then asks for a
-- completion and a hover through the client, checks all three and quits with 0 (all held) or 1.
-- Uses vim.lsp.start_client + buf_attach_client: vim.lsp.start only exists from Neovim 0.8.

local result = { failures = {} }
local timeout = tonumber(os.getenv('REGAL_NVIM_TIMEOUT_MS') or '') or 10000

local function fail(message)
  table.insert(result.failures, message)
end

local function env(name)
  local value = os.getenv(name)
  if value == nil or value == '' then
    error(name .. ' is not set')
  end
  return value
end

-- The line (0-based) and column (0-based, in bytes: the payload is ASCII, so UTF-16 units too) of `needle`.
local function position_of(bufnr, needle)
  for index, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local column = line:find(needle, 1, true)
    if column then
      return { line = index - 1, character = column - 1 }
    end
  end
  error('the payload has no ' .. needle)
end

-- vim.diagnostic keeps the LSP code under user_data.lsp in 0.7 and at the top level from 0.8.
local function code_of(diagnostic)
  if diagnostic.code ~= nil then
    return diagnostic.code
  end
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp
  return lsp and lsp.code
end

local function hover_text(contents)
  if type(contents) == 'string' then
    return contents
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents) do
    table.insert(parts, type(part) == 'string' and part or part.value)
  end
  return table.concat(parts, '\n')
end

local function main()
  result.nvim_version = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch
  local command = vim.fn.json_decode(env('REGAL_NVIM_SERVER'))
  local payload = env('REGAL_NVIM_PAYLOAD')

  vim.cmd('edit ' .. vim.fn.fnameescape(payload))
  local bufnr = vim.api.nvim_get_current_buf()
  local log_messages = {}
  local client_id = vim.lsp.start_client({
    name = 'regal-webhook',
    cmd = command,
    root_dir = vim.fn.fnamemodify(payload, ':p:h'),
    on_exit = function(code, signal)
      result.server_exit = { code = code, signal = signal }
    end,
    handlers = {
      ['window/logMessage'] = function(_, params)
        table.insert(log_messages, params.message)
      end,
    },
  })
  if not client_id then
    error('vim.lsp.start_client could not start ' .. table.concat(command, ' '))
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  -- Diagnostics: pushed by the server after didOpen, shown through vim.diagnostic.
  local got = vim.wait(timeout, function()
    return #vim.diagnostic.get(bufnr) > 0 or result.server_exit ~= nil
  end, 20)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      code = code_of(d),
      severity = d.severity,
      source = d.source,
      message = d.message,
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
    })
  end
  if not got then
    fail('no diagnostics within ' .. timeout .. ' ms')
  end
  local comment_at = position_of(bufnr, '//')
  local comment_found = false
  for _, d in ipairs(result.diagnostics) do
    if d.code == 'comment' and d.lnum == comment_at.line and d.col == comment_at.character and d.severity == vim.diagnostic.severity.ERROR then
      comment_found = true
    end
  end
  if not comment_found then
    fail('no error "comment" at line ' .. (comment_at.line + 1) .. ', column ' .. (comment_at.character + 1))
  end

  local uri = vim.uri_from_bufnr(bufnr)
  -- Completion inside the value of "channel": the channels Regal accepts, labelled as JSON strings.
  local voice = position_of(bufnr, '"voice"')
  local completion, completion_error = client.request_sync('textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = voice.line, character = voice.character + 1 },
  }, timeout, bufnr)
  if not completion or completion.err then
    fail('completion failed: ' .. vim.inspect(completion_error or completion.err))
  else
    local items = completion.result and (completion.result.items or completion.result) or {}
    result.completion_labels = {}
    for _, item in ipairs(items) do
      table.insert(result.completion_labels, item.label)
    end
    local labels = table.concat(result.completion_labels, ' ')
    for _, expected in ipairs({ '"voice"', '"sms"', '"email"' }) do
      if not vim.tbl_contains(result.completion_labels, expected) then
        fail('completion in "channel" lacks ' .. expected .. ' (got: ' .. labels .. ')')
      end
    end
  end

  -- Hover on the "eventSource" key: its documentation.
  local key = position_of(bufnr, '"eventSource"')
  local hover, hover_error = client.request_sync('textDocument/hover', {
    textDocument = { uri = uri },
    position = { line = key.line, character = key.character + 2 },
  }, timeout, bufnr)
  if not hover or hover.err or not hover.result then
    fail('hover failed: ' .. vim.inspect(hover_error or (hover and hover.err) or 'no result'))
  else
    result.hover = hover_text(hover.result.contents)
    if not result.hover:find('eventSource', 1, true) then
      fail('hover on "eventSource" does not name the key: ' .. result.hover)
    end
  end
  result.log = log_messages

  vim.lsp.stop_client(client_id)
  vim.wait(timeout, function()
    return result.server_exit ~= nil
  end, 20)
end

local ok, err = xpcall(main, debug.traceback)
if not ok then
  fail('script error: ' .. tostring(err))
end
result.ok = #result.failures == 0
local file = io.open(env('REGAL_NVIM_RESULT'), 'w')
file:write(vim.fn.json_encode(result))
file:close()
if result.ok then
  vim.cmd('qall!')
else
  vim.cmd('cquit! 1')
end
