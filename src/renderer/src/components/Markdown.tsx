import ReactMarkdown from 'react-markdown';

/**
 * Renders markdown from the workspace (a model wrote it). react-markdown builds React elements and
 * drops raw HTML by default: nothing in the file can inject markup or script. Links to other
 * sites are not followed from the dashboard (connect-src is 'self' anyway): they show as text.
 */
export default function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        skipHtml
        components={{
          a: ({ children, href }) => <span title={href}>{children}</span>,
          img: ({ alt }) => <span>[{alt}]</span>,
        }}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
